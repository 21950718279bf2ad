/**
 * A worker config module as a host writes one for `chatcart-worker`: it default-exports the `runWorker`
 * options. Each job appends its id to a Redis list, so the test can see what ran.
 */
import { Redis } from 'ioredis';
import type { WorkerConfig } from '../../src/index.js';

const redisUrl = process.env.REDIS_URL!;
const prefix = process.env.PREFIX!;

const config: WorkerConfig = () => {
  const records = new Redis(redisUrl);
  return {
    queue: { connection: redisUrl, prefix },
    handlers: {
      echo: async (job) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await records.rpush(`${prefix}:ran`, job.id);
      },
    },
    exit: (code) => {
      void records.quit().finally(() => process.exit(code));
    },
  };
};

export default config;
