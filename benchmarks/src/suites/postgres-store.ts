import { performance } from 'node:perf_hooks';
import { audienceSegment } from '@chatcart/core';
import { createPostgresStores, type PostgresStores } from '@chatcart/store-postgres';
import pg from 'pg';
import { type BenchSuite, compareRow, measure, perOperation } from '../harness.js';

/**
 * chatcart's PostgreSQL store against the same work written by hand with node-postgres, on the same pool
 * settings and database:
 *
 * - **Order confirm with outbox**: load the order, confirm it, compare-and-set save, append its event, commit
 *   (five round trips: BEGIN, SELECT, UPDATE, INSERT, COMMIT) with {@link IN_FLIGHT} transactions in flight.
 *   The hand-written peer does the same five statements without rebuilding and validating the aggregate,
 *   so the ratio is what the domain model and snapshot mapping cost on top of the database work.
 * - **Audience streaming**: every customer of a 100 000-customer audience, page by page (keyset, 1 000 a
 *   page). The peer runs the same keyset SQL and keeps the raw rows; ours also rebuilds each row into a
 *   validated `Customer`. Figures are rows per second.
 */
const IN_FLIGHT = 8;
const ORDERS_PER_CONTENDER = 40_000;
const AUDIENCE = 100_000;
const PAGE = 1_000;
const STREAM_RUNS = 3;
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const OURS_CONFIRM = 'chatcart unitOfWork: getById + confirm + save + outbox';
const RAW_CONFIRM = 'hand-written pg transaction, same 5 statements';
const OURS_STREAM = 'chatcart findAudience pages → Customer';
const RAW_STREAM = 'hand-written keyset SELECT, raw rows';

async function seed(pool: pg.Pool, stores: PostgresStores, org: string, now: number): Promise<void> {
  const s = `"${stores.schema}"`;
  const items = JSON.stringify([
    {
      productId: 'prd_rice',
      name: 'Rice 5kg',
      unitPrice: { amountMinor: 450, currency: 'USD' },
      quantity: 2,
    },
  ]);
  await pool.query(
    `INSERT INTO ${s}.orders (organization_id, id, version, customer_id, status, currency, total_minor, items, created_at, updated_at)
     SELECT $1, 'ord_' || lpad(n::text, 6, '0'), 1, 'cus_' || (n % 1000), 'DRAFT', 'USD', 900, $2::jsonb,
            ${s}.ms_to_timestamptz($3), ${s}.ms_to_timestamptz($3)
     FROM generate_series(1, $4::int) AS n`,
    [org, items, now, ORDERS_PER_CONTENDER * 2],
  );
  await pool.query(
    `INSERT INTO ${s}.customers (organization_id, id, version, phone, name, locale, tags, consent, opted_in_at,
       total_spent_minor, total_spent_currency, order_count, last_order_at, created_at, updated_at)
     SELECT $1, 'cus_' || lpad(n::text, 7, '0'), 1, '+1555' || lpad(n::text, 7, '0'), 'Customer ' || n, 'en-US',
            CASE WHEN n % 2 = 0 THEN ARRAY['rice', 'vip'] ELSE ARRAY['rice'] END, 'OPTED_IN', t,
            100 + n % 50000, 'USD', 1 + n % 5, t, t, t
     FROM generate_series(1, $2::int) AS n, ${s}.ms_to_timestamptz($3) AS t`,
    [org, AUDIENCE, now],
  );
  await pool.query(`ANALYZE ${s}.orders`);
  await pool.query(`ANALYZE ${s}.customers`);
}

/** Rows per second of the best of {@link STREAM_RUNS} full passes over the audience. */
async function rowsPerSecond(stream: () => Promise<number>): Promise<number> {
  let best = 0;
  for (let run = 0; run < STREAM_RUNS; run += 1) {
    const started = performance.now();
    const rows = await stream();
    if (rows !== AUDIENCE) throw new Error(`The audience stream returned ${rows} rows, expected ${AUDIENCE}`);
    best = Math.max(best, rows / ((performance.now() - started) / 1000));
  }
  return best;
}

const suite: BenchSuite = {
  name: 'postgres-store',
  async run() {
    const pool = new pg.Pool({ connectionString: url, max: IN_FLIGHT + 2 });
    const stores = createPostgresStores({ pool, schema: `chatcart_bench_${process.pid}` });
    const s = `"${stores.schema}"`;
    const org = 'org_bench';
    const now = Date.now();
    try {
      await stores.migrate();
      await seed(pool, stores, org, now);

      let ours = 0;
      let raw = ORDERS_PER_CONTENDER;
      const next = (n: number) => {
        if (n % ORDERS_PER_CONTENDER === 0 && n > 0 && n !== ORDERS_PER_CONTENDER) {
          throw new Error('The benchmark ran out of seeded orders; raise ORDERS_PER_CONTENDER');
        }
        return `ord_${String(n + 1).padStart(6, '0')}`;
      };
      const confirmOurs = () =>
        stores.unitOfWork.run(async (tx) => {
          const order = await tx.orders.getById(org, next(ours++));
          order.confirm(now);
          await tx.orders.save(order);
          await tx.outbox.append({
            id: `evt_${order.id}`,
            organizationId: org,
            topic: 'order.confirmed',
            payload: {
              orderId: order.id,
              total: { amountMinor: order.total.amountMinor, currency: order.total.currency },
            },
            occurredAt: now,
          });
        });
      const confirmRaw = async () => {
        const id = next(raw++);
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const found = await client.query(
            `SELECT version, status, total_minor, currency FROM ${s}.orders WHERE organization_id = $1 AND id = $2`,
            [org, id],
          );
          const row = found.rows[0];
          if (row?.status !== 'DRAFT') throw new Error(`order ${id} is not a draft`);
          const updated = await client.query(
            `UPDATE ${s}.orders SET status = 'CONFIRMED', version = version + 1, confirmed_at = ${s}.ms_to_timestamptz($3),
               updated_at = ${s}.ms_to_timestamptz($3) WHERE organization_id = $1 AND id = $2 AND version = $4`,
            [org, id, now, row.version],
          );
          if (updated.rowCount !== 1) throw new Error(`order ${id} changed meanwhile`);
          await client.query(
            `INSERT INTO ${s}.outbox (id, organization_id, topic, payload, occurred_at)
             VALUES ($1, $2, 'order.confirmed', $3::jsonb, ${s}.ms_to_timestamptz($4))`,
            [
              `evt_${id}`,
              org,
              JSON.stringify({
                orderId: id,
                total: { amountMinor: Number(row.total_minor), currency: row.currency },
              }),
              now,
            ],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      };
      const inFlight = (operation: () => Promise<unknown>) => async () => {
        await Promise.all(Array.from({ length: IN_FLIGHT }, operation));
      };
      const confirms = perOperation(
        await measure(
          [
            { name: OURS_CONFIRM, fn: inFlight(confirmOurs) },
            { name: RAW_CONFIRM, fn: inFlight(confirmRaw) },
          ],
          { timeMs: 2_000 },
        ),
        IN_FLIGHT,
      );

      const segment = audienceSegment({ tagsAny: ['rice'] });
      const streamOurs = async () => {
        let rows = 0;
        let after: string | null = null;
        do {
          const page = await stores.repositories.customers.findAudience(org, segment, { limit: PAGE, after });
          rows += page.items.length;
          after = page.nextCursor;
        } while (after !== null);
        return rows;
      };
      const streamRaw = async () => {
        let rows = 0;
        let last = '';
        for (;;) {
          const page = await pool.query(
            `SELECT * FROM ${s}.customers WHERE organization_id = $1 AND consent = 'OPTED_IN' AND tags && $2::text[]
             AND id > $3 ORDER BY id LIMIT $4`,
            [org, ['rice'], last, PAGE],
          );
          rows += page.rows.length;
          if (page.rows.length < PAGE) return rows;
          last = page.rows[page.rows.length - 1].id;
        }
      };
      const streams = new Map([
        [OURS_STREAM, await rowsPerSecond(streamOurs)],
        [RAW_STREAM, await rowsPerSecond(streamRaw)],
      ]);

      return [
        compareRow(
          `order confirm + outbox on Postgres, ${IN_FLIGHT} in flight (tx/s)`,
          confirms,
          OURS_CONFIRM,
          RAW_CONFIRM,
          0.7,
        ),
        compareRow(
          `audience streaming, ${AUDIENCE.toLocaleString('en-US')} customers (rows/s)`,
          streams,
          OURS_STREAM,
          RAW_STREAM,
          0.4,
        ),
      ];
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await pool.end();
    }
  },
};

export default suite;
