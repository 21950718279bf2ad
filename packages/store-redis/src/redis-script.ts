import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (`EVALSHA`), so its source crosses the network once per Redis server rather
 * than on every call. When Redis answers `NOSCRIPT` (it restarted, failed over, or its script cache was
 * flushed) the script is sent again with `EVAL`, which also caches it. This is what ioredis'
 * `defineCommand` does; it is written out here so stores can use a client they were given without adding
 * commands to it.
 */
export class RedisScript {
  readonly name: string;
  readonly source: string;
  readonly sha1: string;

  constructor(name: string, source: string) {
    this.name = name;
    this.source = source;
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(
    client: Redis | Cluster,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
