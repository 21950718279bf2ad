import { Pool } from 'undici';
import { type TwilioErrorBody, twilioErrorFromResponse } from './error-codes.js';
import { TwilioApiError, TwilioUnreachableError } from './errors.js';
import { encodeFormParams, type FormParams } from './form-params.js';
import { parseRetryAfter } from './retry-after.js';

/** Twilio's API base URL. */
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** How the Twilio REST client connects. Credentials are held privately and never logged. */
export interface TwilioRestClientOptions {
  readonly accountSid: string;
  /** Basic-auth user: the Account SID, or an API key SID (`SK…`). */
  readonly username: string;
  /** Basic-auth password: the auth token, or the API key secret. */
  readonly password: string;
  /** Default `https://api.twilio.com`; point it at a local fake in tests. */
  readonly baseUrl?: string;
  /** Keep-alive connections to Twilio. Default 10. */
  readonly connections?: number;
  /** How long to wait for Twilio's answer (headers, then body) in ms. Default 10 000. */
  readonly timeoutMs?: number;
}

/** The fields of Twilio's Message resource this package reads. */
export interface TwilioMessage {
  readonly sid: string;
  readonly status: string;
}

/** Errors that prove the request never left this machine, so sending it again cannot duplicate it. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Twilio answers are a few kilobytes; anything much larger is not Twilio. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * A small client for Twilio's Messages API over one undici keep-alive pool, shared by every send.
 *
 * @example
 * ```ts
 * const client = new TwilioRestClient({ accountSid, username: accountSid, password: authToken });
 * const message = await client.createMessage(new Map([['To', ['whatsapp:+4915112345678']], …]));
 * await client.close();
 * ```
 */
export class TwilioRestClient {
  readonly #pool: Pool;
  readonly #messagesPath: string;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  #closing: Promise<void> | undefined;

  constructor(options: TwilioRestClientOptions) {
    const base = new URL(options.baseUrl ?? TWILIO_API_BASE_URL);
    const prefix = base.pathname.replace(/\/$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#pool = new Pool(base.origin, {
      connections: options.connections ?? 10,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(this.#timeoutMs, 5_000) },
    });
    this.#messagesPath = `${prefix}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.#authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /**
   * Creates (sends) a message. `fields` are the form fields of Twilio's Create Message request.
   *
   * @throws {TwilioApiError} (or a subclass) for every non-2xx answer; {@link TwilioUnreachableError}
   * when Twilio could not be reached or did not answer in time.
   */
  async createMessage(fields: FormParams, signal?: AbortSignal): Promise<TwilioMessage> {
    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      response = await this.#pool.request({
        method: 'POST',
        path: this.#messagesPath,
        headers: {
          authorization: this.#authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: encodeFormParams(fields),
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      throw new TwilioUnreachableError(!NOT_SENT_CODES.has(errorCode(error)), error);
    }
    let text: string;
    try {
      text = await readBounded(response.body);
    } catch (error) {
      throw new TwilioUnreachableError(true, error);
    }
    const json = parseJson(text);
    const to = fields.get('To')?.[0]?.replace(/^whatsapp:/, '') ?? '';
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now());
      throw twilioErrorFromResponse(
        response.statusCode,
        json as TwilioErrorBody | undefined,
        to,
        retryAfterMs,
      );
    }
    const message = json as Partial<TwilioMessage> | undefined;
    if (typeof message?.sid !== 'string' || message.sid === '') {
      throw new TwilioApiError(`Twilio answered ${response.statusCode} without a message sid.`, {
        status: response.statusCode,
      });
    }
    return { sid: message.sid, status: typeof message.status === 'string' ? message.status : 'queued' };
  }

  /** Closes the pool's connections once the requests in flight have finished. Calling it again is harmless. */
  close(): Promise<void> {
    this.#closing ??= this.#pool.close();
    return this.#closing;
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

async function readBounded(body: AsyncIterable<Uint8Array> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw new RangeError(`Twilio's answer exceeded ${MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
