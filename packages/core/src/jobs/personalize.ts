/** The values a campaign template may use, by placeholder name. */
export interface PersonalizationValues {
  /** The customer's name, or `null` when unknown. */
  readonly name: string | null;
  /** The customer's phone in E.164. */
  readonly phone: string;
}

/** Options of {@link personalize}. */
export interface PersonalizeOptions {
  /** What `{{name}}` and `{{firstName}}` become when the customer has no name. Default: empty. */
  readonly nameFallback?: string;
}

/** Placeholder names a template may use. */
export const TEMPLATE_PLACEHOLDERS = ['name', 'firstName', 'phone'] as const;

// `{{ name }}`: letters, digits and underscores, optional spaces inside the braces.
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Fills a campaign template for one customer.
 *
 * Rules:
 * - `{{name}}` is the customer's name, `{{firstName}}` its first word, `{{phone}}` the E.164 phone; spaces
 *   inside the braces are allowed (`{{ name }}`).
 * - A known placeholder without a value (no name on file) becomes `nameFallback` (empty by default).
 * - An unknown placeholder (`{{coupon}}`) becomes empty, so no customer ever sees raw template syntax;
 *   check templates up front with {@link unknownPlaceholders}.
 * - The template is scanned once: what a customer typed into their name is inserted literally and never
 *   read as template syntax, so a customer named `{{phone}}` is greeted as `{{phone}}`.
 *
 * @example
 * ```ts
 * personalize('Hi {{firstName}}, 20% off today!', { name: 'Asha Rao', phone: '+919812345678' });
 * // 'Hi Asha, 20% off today!'
 * ```
 */
export function personalize(
  template: string,
  values: PersonalizationValues,
  options: PersonalizeOptions = {},
): string {
  const fallback = options.nameFallback ?? '';
  const name = values.name?.trim() || null;
  const resolved: Record<string, string> = {
    name: name ?? fallback,
    firstName: name?.split(/\s+/u)[0] ?? fallback,
    phone: values.phone,
  };
  // A replacer function, not a replacement string: `$&` or `$1` in a customer's name stays literal.
  return template.replace(PLACEHOLDER, (_match, key: string) =>
    Object.hasOwn(resolved, key) ? (resolved[key] as string) : '',
  );
}

/**
 * The placeholders of `template` that {@link personalize} does not know (and would leave empty), each once,
 * in order of appearance: for refusing or warning about a template before a campaign starts.
 *
 * @example
 * ```ts
 * unknownPlaceholders('Hi {{name}}, use {{coupon}}'); // ['coupon']
 * ```
 */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const key = match[1] as string;
    if (!known.has(key)) unknown.add(key);
  }
  return [...unknown];
}
