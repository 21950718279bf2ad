import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ThrottledError } from '../../src/index.js';

/** One request the fake provider answered. */
export interface ProviderRequest {
  readonly to: string;
  readonly idempotencyKey: string | undefined;
  /** When it arrived, in epoch milliseconds. */
  readonly at: number;
  readonly status: number;
}

/** How the fake provider answers. */
export interface FakeProviderOptions {
  /** Answers 429 with `Retry-After: <seconds>` when it returns a number for the n-th request (from 1). */
  readonly throttle?: (n: number) => number | undefined;
}

/**
 * A local messaging provider over HTTP: `POST /messages` with `{ "to": "…" }` delivers a message. Like
 * providers that take an `Idempotency-Key`, a key it has seen is answered again without a second delivery,
 * so what it counts is what recipients would see.
 */
export class FakeProvider {
  readonly requests: ProviderRequest[] = [];
  /** Messages delivered per recipient. */
  readonly delivered = new Map<string, number>();
  readonly #seenKeys = new Set<string>();
  readonly #server = createServer((request, response) => void this.#answer(request, response));
  readonly #options: FakeProviderOptions;
  url = '';

  private constructor(options: FakeProviderOptions) {
    this.#options = options;
  }

  static async start(options: FakeProviderOptions = {}): Promise<FakeProvider> {
    const provider = new FakeProvider(options);
    provider.#server.keepAliveTimeout = 30_000;
    provider.#server.listen(0, '127.0.0.1');
    await once(provider.#server, 'listening');
    provider.url = `http://127.0.0.1:${(provider.#server.address() as AddressInfo).port}/messages`;
    return provider;
  }

  /** Messages delivered in all. */
  get deliveries(): number {
    let total = 0;
    for (const count of this.delivered.values()) total += count;
    return total;
  }

  /** Arrival times of the requests that delivered a message, in order. */
  deliveryTimes(): number[] {
    return this.requests.filter((request) => request.status === 201).map((request) => request.at);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { to } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string };
    const key = request.headers['idempotency-key'] as string | undefined;
    const retryAfter = this.#options.throttle?.(this.requests.length + 1);
    let status = 201;
    if (retryAfter !== undefined) {
      status = 429;
      response.setHeader('retry-after', String(retryAfter));
    } else if (key !== undefined && this.#seenKeys.has(key)) {
      status = 200;
    } else {
      if (key !== undefined) this.#seenKeys.add(key);
      this.delivered.set(to, (this.delivered.get(to) ?? 0) + 1);
    }
    this.requests.push({ to, idempotencyKey: key, at, status });
    response.statusCode = status;
    response.end('{}');
  }
}

/** The most timestamps that fall in any window [t, t + windowMs), sliding over every arrival. */
export function mostInAnyWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

/** Sends one message to the fake provider; a 429 becomes the error the queue understands. */
export async function sendTo(url: string, to: string, idempotencyKey: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ to }),
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  if (response.status === 429) {
    throw new ThrottledError('fake provider', Number(response.headers.get('retry-after') ?? '1') * 1_000);
  }
  if (response.status >= 300) throw new Error(`fake provider answered ${response.status}`);
  return response.status;
}
