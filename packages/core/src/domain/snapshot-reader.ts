/**
 * Reads an untrusted snapshot (a row, a JSON document) field by field, collecting every problem with its
 * path, so `fromSnapshot` can report all of them in one {@link ValidationError} (internal).
 */
import { normalizeCurrency } from './currency.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { checkInteger, checkText, checkTimestamp, type TextRule } from './guards.js';
import { Money } from './money.js';

export class SnapshotReader {
  private readonly record: Record<string, unknown>;

  private constructor(
    value: unknown,
    private readonly path: string,
    private readonly issues: ValidationIssue[],
  ) {
    const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!isRecord) issues.push({ path, message: 'must be an object' });
    this.record = isRecord ? (value as Record<string, unknown>) : {};
  }

  /** A reader over a whole snapshot. */
  static of(value: unknown): SnapshotReader {
    return new SnapshotReader(value, '', []);
  }

  /** Throws a ValidationError listing every issue, if there is any. */
  finish(what: string): void {
    if (this.issues.length > 0) throw new ValidationError(`Invalid ${what} snapshot.`, [...this.issues]);
  }

  /** Records a rule broken across fields (for example an invariant of the aggregate). */
  issue(key: string, message: string): void {
    this.issues.push({ path: this.at(key), message });
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private check<T>(key: string, problem: string | undefined, fallback: T): T {
    if (problem) {
      this.issue(key, problem);
      return fallback;
    }
    return this.record[key] as T;
  }

  string(key: string, rule: TextRule = { max: 200 }): string {
    return this.check(key, checkText(this.record[key], rule), '');
  }

  stringOrNull(key: string, rule: TextRule = { max: 200 }): string | null {
    return this.record[key] === null ? null : this.string(key, rule);
  }

  integer(key: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    return this.check(key, checkInteger(this.record[key], min, max), min);
  }

  integerOrNull(key: string, min: number, max?: number): number | null {
    return this.record[key] === null ? null : this.integer(key, min, max);
  }

  timestamp(key: string): number {
    return this.check(key, checkTimestamp(this.record[key]), 0);
  }

  timestampOrNull(key: string): number | null {
    return this.record[key] === null ? null : this.timestamp(key);
  }

  boolean(key: string): boolean {
    return this.check(key, typeof this.record[key] === 'boolean' ? undefined : 'must be a boolean', false);
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const value = this.record[key];
    const ok = typeof value === 'string' && (values as readonly string[]).includes(value);
    return this.check(key, ok ? undefined : `must be one of ${values.join(', ')}`, values[0] as T);
  }

  /** A currency code, which must already be canonical (upper case). */
  currency(key: string): string {
    const value = this.record[key];
    let ok = false;
    try {
      ok = typeof value === 'string' && normalizeCurrency(value) === value;
    } catch {
      ok = false;
    }
    return this.check(key, ok ? undefined : 'must be a known upper-case ISO 4217 code', 'USD');
  }

  money(key: string): Money {
    const child = this.child(key);
    const amountMinor = child.integer('amountMinor', Number.MIN_SAFE_INTEGER);
    const currency = child.currency('currency');
    return Money.of(amountMinor, currency);
  }

  moneyOrNull(key: string): Money | null {
    return this.record[key] === null ? null : this.money(key);
  }

  /** A nested object, read with `read` (check `isNull` first when the field may be null). */
  object<T>(key: string, read: (reader: SnapshotReader) => T): T {
    return read(this.child(key));
  }

  array<T>(key: string, max: number, read: (reader: SnapshotReader, index: number) => T): T[] {
    const value = this.record[key];
    if (!Array.isArray(value)) {
      this.issue(key, 'must be an array');
      return [];
    }
    if (value.length > max) this.issue(key, `must have at most ${max} entries`);
    return value.map((item, index) =>
      read(new SnapshotReader(item, this.at(`${key}.${index}`), this.issues), index),
    );
  }

  stringArray(key: string, max: number, rule: TextRule): string[] {
    const value = this.record[key];
    if (!Array.isArray(value)) {
      this.issue(key, 'must be an array');
      return [];
    }
    if (value.length > max) this.issue(key, `must have at most ${max} entries`);
    return value.map((item, index) => {
      const problem = checkText(item, rule);
      if (problem) this.issue(`${key}.${index}`, problem);
      return problem ? '' : (item as string);
    });
  }

  /** True when the field is `null` (present, explicitly empty). */
  isNull(key: string): boolean {
    return this.record[key] === null;
  }

  private child(key: string): SnapshotReader {
    return new SnapshotReader(this.record[key], this.at(key), this.issues);
  }
}
