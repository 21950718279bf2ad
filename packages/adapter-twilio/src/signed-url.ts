import type { WebhookRequest } from '@chatcart/core';

/**
 * Where Twilio sent the webhook, as Twilio saw it. A string is the public base URL (scheme, host, and a
 * path prefix the proxy strips, if any): the request's own path and query are appended to it. A function
 * returns the full URL for a request, for set-ups a base URL cannot describe.
 */
export type PublicUrl = string | ((request: WebhookRequest) => string);

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' };

/**
 * The URL Twilio signed for `request`: `request.url` as is when no public URL is configured, otherwise the
 * request's path and query on the public base URL.
 */
export function publicUrlOf(request: WebhookRequest, publicUrl: PublicUrl | undefined): string {
  if (publicUrl === undefined) return request.url;
  if (typeof publicUrl === 'function') return publicUrl(request);
  const base = new URL(publicUrl);
  // The request URL may be absolute (the host's view) or a bare path; only its path and query matter here.
  const local = new URL(request.url, 'http://local.invalid');
  const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  return `${base.protocol}//${base.host}${prefix}${local.pathname}${local.search}`;
}

/**
 * Every form of `url` Twilio may have signed: as given, normalised without the port, with the scheme's
 * default port written out (Twilio signs either, depending on the product), and each of those with its
 * query string re-encoded the way older Twilio back ends encoded it.
 */
export function signedUrlForms(url: string): string[] {
  const forms = new Set<string>([url]);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [...forms];
  }
  const withoutPort = new URL(parsed.href);
  withoutPort.port = '';
  const withPort = withDefaultPort(parsed);
  for (const form of [withoutPort.href, withPort]) {
    forms.add(form);
    forms.add(withLegacyQuery(form));
  }
  return [...forms];
}

function withDefaultPort(url: URL): string {
  if (url.port !== '') return url.href;
  const port = DEFAULT_PORTS[url.protocol];
  if (port === undefined) return url.href;
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${credentials}${url.hostname}:${port}${url.pathname}${url.search}${url.hash}`;
}

/** The query re-encoded with `encodeURIComponent`, as the `querystring` module of older back ends did. */
function withLegacyQuery(form: string): string {
  const queryAt = form.indexOf('?');
  if (queryAt === -1) return form;
  const hashAt = form.indexOf('#', queryAt);
  const query = form.slice(queryAt + 1, hashAt === -1 ? undefined : hashAt);
  const encoded = [...new URLSearchParams(query)]
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${form.slice(0, queryAt)}?${encoded}${hashAt === -1 ? '' : form.slice(hashAt)}`;
}
