import { ChatcartError } from '../domain/errors.js';

/** A server an adapter's integration tests need, and how to tell whether it answers. */
export interface ServiceRequirement {
  /** For messages, e.g. `Redis`. */
  readonly name: string;
  /** The environment variable holding its URL, e.g. `REDIS_URL`. */
  readonly envVar: string;
  /** The URL used when the variable is not set. */
  readonly defaultUrl: string;
  /** Resolves when the service answers at `url`; throwing or resolving `false` means it does not. */
  probe(url: string): unknown;
  /** How long the probe may take before the service counts as unreachable; 3 s unless given. */
  readonly timeoutMs?: number;
  /** Fail instead of skipping even outside CI. Defaults to `true` when `CI` is `true` or `1`. */
  readonly required?: boolean;
  /** The environment to read (`process.env` unless given; tests of this helper pass their own). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the local skip message goes; `console.warn` unless given. */
  readonly warn?: (message: string) => void;
}

/** The services chatcart's adapters test against, with their conventional variables and local defaults. */
export const KNOWN_SERVICES = {
  redis: { name: 'Redis', envVar: 'REDIS_URL', defaultUrl: 'redis://127.0.0.1:6379' },
  postgres: {
    name: 'Postgres',
    envVar: 'DATABASE_URL',
    defaultUrl: 'postgres://postgres@127.0.0.1:5432/test',
  },
} as const;

/** A required service did not answer: in CI a missing service must fail the run, never skip it. */
export class ServiceUnavailableError extends ChatcartError {
  constructor(message: string, details: Record<string, unknown>) {
    super('SERVICE_UNAVAILABLE', message, { details });
  }
}

/**
 * Probes a service before an integration test file registers its tests. Resolves with the service's URL
 * when it answers. When it does not:
 *
 * - in CI (`CI=true` or `CI=1`), or with `required: true`, it rejects with a `ServiceUnavailableError`
 *   naming the service, the URL and the variable, so the test file fails: a CI run must never turn green
 *   because every integration test was skipped;
 * - locally it prints why and how to start the service, and resolves `undefined`, so the file's tests can
 *   be skipped with `describe.skipIf`.
 *
 * Call it with top-level `await` in the test file, so the decision is made before tests are collected.
 *
 * @example
 * ```ts
 * const redisUrl = await requireService({
 *   ...KNOWN_SERVICES.redis,
 *   probe: async (url) => { const redis = new Redis(url, { lazyConnect: true }); try { await redis.ping(); } finally { redis.disconnect(); } },
 * });
 * describe.skipIf(!redisUrl)('RedisSessionStore', () => {
 *   describeSessionStoreContract('RedisSessionStore', () => ({ store: new RedisSessionStore({ redis: new Redis(redisUrl!) }) }));
 * });
 * ```
 */
export async function requireService(requirement: ServiceRequirement): Promise<string | undefined> {
  const env = requirement.env ?? globalThis.process?.env ?? {};
  const url = env[requirement.envVar] || requirement.defaultUrl;
  const timeoutMs = requirement.timeoutMs ?? 3_000;
  const reason = await probeFailure(() => requirement.probe(url), timeoutMs);
  if (reason === undefined) return url;

  const shown = redactPassword(url);
  const where = `${requirement.name} is not reachable at ${requirement.envVar}=${shown} (${reason}).`;
  const required = requirement.required ?? (env.CI === 'true' || env.CI === '1');
  if (required) {
    throw new ServiceUnavailableError(
      `${where} Integration tests must not be skipped in CI: start ${requirement.name} in the CI job, or point ` +
        `${requirement.envVar} at one.`,
      { service: requirement.name, envVar: requirement.envVar, url: shown, reason },
    );
  }
  (requirement.warn ?? console.warn)(
    `Skipping ${requirement.name} integration tests: ${where} Start ${requirement.name} locally or set ` +
      `${requirement.envVar} to run them.`,
  );
  return undefined;
}

/**
 * `requireService` for a service of `KNOWN_SERVICES` (`'redis'` reads `REDIS_URL`, `'postgres'` reads
 * `DATABASE_URL`).
 *
 * @example
 * ```ts
 * const databaseUrl = await serviceOrSkip('postgres', async (url) => { const client = new pg.Client(url); await client.connect(); await client.end(); });
 * describe.skipIf(!databaseUrl)('PostgresOutbox', () => { … });
 * ```
 */
export function serviceOrSkip(
  service: keyof typeof KNOWN_SERVICES,
  probe: (url: string) => unknown,
  options: Pick<ServiceRequirement, 'timeoutMs' | 'required' | 'env' | 'warn'> = {},
): Promise<string | undefined> {
  return requireService({ ...KNOWN_SERVICES[service], ...options, probe });
}

/** Why the probe failed, or `undefined` when it succeeded within the time allowed. */
async function probeFailure(probe: () => unknown, timeoutMs: number): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  const probed = (async () => {
    try {
      const answer = await probe();
      return answer === false ? 'the probe answered false' : undefined;
    } catch (error) {
      return error instanceof Error ? error.message || error.name : String(error);
    }
  })();
  try {
    return await Promise.race([probed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
