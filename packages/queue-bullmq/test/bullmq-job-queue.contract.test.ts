import { describeJobQueueContract } from '@chatcart/core/testing';
import { afterAll, describe } from 'vitest';
import { BullMQJobQueue } from '../src/index.js';
import { obliterateQueues, redisUrl, requireRedis, uniquePrefix } from './support/redis.js';

const available = await requireRedis();

describe.skipIf(!available)('BullMQJobQueue against Redis', () => {
  const prefix = uniquePrefix();

  afterAll(() => obliterateQueues(prefix));

  describeJobQueueContract('BullMQJobQueue', () => ({
    queue: new BullMQJobQueue({ connection: redisUrl, prefix }),
  }));
});
