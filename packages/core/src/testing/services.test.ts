import { describe, expect, it } from 'vitest';
import { requireService, ServiceUnavailableError, serviceOrSkip } from './services.js';

describe('requireService', () => {
  const base = { name: 'Redis', envVar: 'REDIS_URL', defaultUrl: 'redis://127.0.0.1:6379' };

  it('resolves with the URL from the environment when the probe succeeds', async () => {
    const probed: string[] = [];
    const url = await requireService({
      ...base,
      env: { REDIS_URL: 'redis://cache:6380' },
      probe: async (at) => void probed.push(at),
    });
    expect(url).toBe('redis://cache:6380');
    expect(probed).toEqual(['redis://cache:6380']);
  });

  it('falls back to the default URL when the variable is unset', async () => {
    expect(await requireService({ ...base, env: {}, probe: () => true })).toBe('redis://127.0.0.1:6379');
  });

  it('skips locally with a message naming the service and the variable', async () => {
    const warnings: string[] = [];
    const url = await requireService({
      ...base,
      env: {},
      warn: (message) => warnings.push(message),
      probe: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      },
    });
    expect(url).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /Skipping Redis integration tests.*REDIS_URL=redis:\/\/127\.0\.0\.1:6379.*ECONNREFUSED/,
    );
  });

  it('fails in CI instead of skipping, hiding the password of the URL', async () => {
    const attempt = requireService({
      ...base,
      env: { CI: 'true', REDIS_URL: 'redis://user:hunter2@cache:6379' },
      probe: () => false,
    });
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(
      /Redis is not reachable at REDIS_URL=redis:\/\/user:\*\*\*@cache:6379.*CI/,
    );
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('fails outside CI when the service is marked required', async () => {
    await expect(
      requireService({ ...base, env: {}, required: true, probe: () => false }),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('counts a probe that does not answer in time as unreachable', async () => {
    const warnings: string[] = [];
    const url = await requireService({
      ...base,
      env: {},
      timeoutMs: 20,
      warn: (message) => warnings.push(message),
      probe: () => new Promise(() => {}),
    });
    expect(url).toBeUndefined();
    expect(warnings[0]).toMatch(/no answer within 20 ms/);
  });

  it('knows the variables of Redis and Postgres', async () => {
    const env = { REDIS_URL: 'redis://r', DATABASE_URL: 'postgres://p' };
    expect(await serviceOrSkip('redis', () => true, { env })).toBe('redis://r');
    expect(await serviceOrSkip('postgres', () => true, { env })).toBe('postgres://p');
  });
});
