/**
 * The one error hierarchy of chatcart. Every error carries a stable `code` string that callers may switch
 * on; messages are for people and may change between versions, codes may not.
 *
 * @example
 * ```ts
 * try {
 *   order.confirm();
 * } catch (error) {
 *   if (error instanceof ChatcartError && error.code === 'ORDER_EMPTY') reply('Add an item first.');
 * }
 * ```
 */
export class ChatcartError extends Error {
  /** Stable machine-readable code, for example `ORDER_EMPTY` or `INVALID_TRANSITION`. */
  readonly code: string;
  /** Structured facts about the failure (ids, states, limits), safe to log. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }
}

/** A business rule was broken: the operation is not allowed in the aggregate's current state. */
export class DomainError extends ChatcartError {}

/** An aggregate was asked to move between two states that have no transition between them. */
export class InvalidTransitionError extends DomainError {
  readonly aggregate: string;
  readonly from: string;
  readonly to: string;

  constructor(aggregate: string, from: string, to: string, hint?: string) {
    super('INVALID_TRANSITION', `${aggregate} cannot go from ${from} to ${to}${hint ? `: ${hint}` : ''}.`, {
      details: { aggregate, from, to },
    });
    this.aggregate = aggregate;
    this.from = from;
    this.to = to;
  }
}

/** One failing field of a validated input: where it is and what is wrong with it. */
export interface ValidationIssue {
  /** Dotted path of the field, for example `items.0.quantity`; empty for the input as a whole. */
  readonly path: string;
  readonly message: string;
}

/** Input was malformed. `issues` names every failing field. */
export class ValidationError extends ChatcartError {
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, issues: readonly ValidationIssue[] = [], options: { cause?: unknown } = {}) {
    const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    super('VALIDATION_FAILED', listed.length > 0 ? `${message} (${listed.join('; ')})` : message, {
      ...options,
      details: { issues },
    });
    this.issues = issues;
  }
}

/** A compare-and-set write found a newer version than the one it read. Retry from a fresh read. */
export class ConflictError extends ChatcartError {
  constructor(what: string, id: string, expectedVersion: number, actualVersion: number | undefined) {
    super(
      'VERSION_CONFLICT',
      `${what} ${id} was changed by someone else (expected version ${expectedVersion}, found ${
        actualVersion === undefined ? 'none' : actualVersion
      }); reload it and try again.`,
      { details: { what, id, expectedVersion, actualVersion } },
    );
  }
}

/** The thing asked for does not exist in this organization. */
export class NotFoundError extends ChatcartError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} was not found.`, { details: { what, id } });
  }
}
