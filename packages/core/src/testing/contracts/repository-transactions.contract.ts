import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../domain/errors.js';
import type { AggregateRepository } from '../../ports/repositories.js';
import type {
  AggregateKit,
  ContractAggregate,
  RepositoryContractContext,
} from './aggregate-repository.contract.js';

/**
 * Registers the transaction tests of one aggregate repository (internal to the repository contracts): writes
 * visible inside at once and outside after commit, nothing kept of failed work, a lost compare-and-set
 * rolling back every write, one winner of two racing transactions. Skipped when the harness has no unit of
 * work. Reads inside a transaction must not lock rows: the tests write the same row from outside meanwhile.
 */
export function describeRepositoryTransactions<A extends ContractAggregate>(
  kit: AggregateKit<A>,
  context: RepositoryContractContext,
  fresh: () => A,
  stored: (aggregate: A) => Promise<A>,
): void {
  const unitOfWork = () => {
    const found = context.harness().unitOfWork;
    if (!found) throw new Error('This test needs a unitOfWork');
    return found;
  };
  const direct = (): AggregateRepository<A> => kit.repository(context.harness().repositories);
  const when = (title: string, test: () => Promise<void>) =>
    it(title, async (testContext) => {
      // The harness decides per test whether a unit of work exists; without one there is nothing to check.
      if (!context.harness().unitOfWork) return testContext.skip();
      await test();
    });

  describe(`${kit.what}: transactions`, () => {
    when('shows writes inside the transaction at once and to everyone once it commits', async () => {
      const aggregate = fresh();
      await unitOfWork().run(async (tx) => {
        await kit.repository(tx).save(aggregate);
        expect((await kit.repository(tx).getById(aggregate.organizationId, aggregate.id)).version).toBe(1);
        expect(await direct().findById(aggregate.organizationId, aggregate.id)).toBeNull();
      });
      expect((await stored(aggregate)).toSnapshot()).toEqual(aggregate.toSnapshot());
    });

    when('keeps nothing of work that throws', async () => {
      const inserted = fresh();
      const updated = fresh();
      await direct().save(updated);
      const before = (await stored(updated)).toSnapshot();
      const failure = new Error('work failed');
      await expect(
        unitOfWork().run(async (tx) => {
          await kit.repository(tx).save(inserted);
          const loaded = await kit.repository(tx).getById(updated.organizationId, updated.id);
          kit.change(loaded, 1);
          await kit.repository(tx).save(loaded);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await direct().findById(inserted.organizationId, inserted.id)).toBeNull();
      expect((await stored(updated)).toSnapshot()).toEqual(before);
    });

    when('rolls back every write of a transaction that loses a compare-and-set', async () => {
      const contested = fresh();
      await direct().save(contested);
      const bystander = fresh();
      const rival = await stored(contested);
      const run = unitOfWork().run(async (tx) => {
        await kit.repository(tx).save(bystander);
        const loaded = await kit.repository(tx).getById(contested.organizationId, contested.id);
        kit.change(rival, 2);
        await direct().save(rival);
        kit.change(loaded, 1);
        await kit.repository(tx).save(loaded);
      });
      await expect(run).rejects.toBeInstanceOf(ConflictError);
      expect(await direct().findById(bystander.organizationId, bystander.id)).toBeNull();
      expect((await stored(contested)).toSnapshot()).toEqual(rival.toSnapshot());
    });

    when('lets exactly one of two racing transactions on the same version commit', async () => {
      const aggregate = fresh();
      await direct().save(aggregate);
      const results = await Promise.allSettled(
        [1, 2].map((variant) =>
          unitOfWork().run(async (tx) => {
            const loaded = await kit.repository(tx).getById(aggregate.organizationId, aggregate.id);
            kit.change(loaded, variant);
            await kit.repository(tx).save(loaded);
            return loaded.toSnapshot();
          }),
        ),
      );
      const committed = results.filter((result) => result.status === 'fulfilled');
      const rejected = results.filter((result) => result.status === 'rejected');
      expect(committed).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      const state = await stored(aggregate);
      expect(state.version).toBe(2);
      expect(state.toSnapshot()).toEqual((committed[0] as PromiseFulfilledResult<object>).value);
    });
  });
}
