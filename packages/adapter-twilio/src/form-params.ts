/** Webhook parameters by name; a name Twilio sent more than once keeps every value, in order. */
export type FormParams = ReadonlyMap<string, readonly string[]>;

/** Parses an `application/x-www-form-urlencoded` body (`+` is a space, as browsers and Twilio encode). */
export function readFormParams(rawBody: string): FormParams {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawBody)) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}

/** The first value of `name`, or `undefined` when it is absent or empty. */
export function firstParam(params: FormParams, name: string): string | undefined {
  const value = params.get(name)?.[0];
  return value === undefined || value === '' ? undefined : value;
}

/** Turns a plain object of parameters (what Twilio's own helpers take) into {@link FormParams}. */
export function toFormParams(params: Readonly<Record<string, string | readonly string[]>>): FormParams {
  const map = new Map<string, readonly string[]>();
  for (const [name, value] of Object.entries(params))
    map.set(name, typeof value === 'string' ? [value] : value);
  return map;
}

/** Encodes parameters as a form body, repeating a name once per value. */
export function encodeFormParams(params: FormParams): string {
  const body = new URLSearchParams();
  for (const [name, values] of params) for (const value of values) body.append(name, value);
  return body.toString();
}
