import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { AggregateRepository, Repositories } from '../../ports/repositories.js';
import {
  ContractNames,
  type RepositoriesHarness,
  type RepositoriesHarnessFactory,
} from './repository-contract-support.js';
import { describeRepositoryTransactions } from './repository-transactions.contract.js';

/** What the shared tests need from an aggregate. */
export interface ContractAggregate {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  toSnapshot(): object;
}

/** How the shared tests make, change and store one aggregate type. */
export interface AggregateKit<A extends ContractAggregate> {
  /** The aggregate's name in test titles, for example `order`. */
  readonly what: string;
  repository(repositories: Repositories): AggregateRepository<A>;
  /** A new aggregate (version 0); `names` gives phones and SKUs no other test uses. */
  create(names: ContractNames, organizationId: string, id: string): A;
  /** Changes a stored-state aggregate once, visibly; different variants give different states. */
  change(aggregate: A, variant: number): void;
  /** Rebuilds an aggregate from a snapshot (to forge a version for the tests). */
  fromSnapshot(snapshot: ReturnType<A['toSnapshot']>): A;
}

/** The per-test state a repository contract shares with its tests. */
export interface RepositoryContractContext {
  harness(): RepositoriesHarness;
  names(): ContractNames;
}

/** Registers, in the current `describe`, a fresh harness and fresh names per test. */
export function useRepositoriesHarness(createHarness: RepositoriesHarnessFactory): RepositoryContractContext {
  let harness: RepositoriesHarness | undefined;
  let names = new ContractNames();
  beforeEach(async () => {
    harness = await createHarness();
    names = new ContractNames();
  });
  afterEach(async () => {
    await harness?.cleanup?.();
    harness = undefined;
  });
  return {
    harness: () => {
      if (!harness) throw new Error('The harness exists only while a test runs');
      return harness;
    },
    names: () => names,
  };
}

/**
 * Registers what every `AggregateRepository` must do: compare-and-set saves, exactly one winner of a race,
 * organization isolation, snapshots that round-trip and are never shared, and all-or-nothing transactions
 * when the harness has a unit of work.
 */
export function describeAggregateBasics<A extends ContractAggregate>(
  kit: AggregateKit<A>,
  context: RepositoryContractContext,
): void {
  const repository = (): AggregateRepository<A> => kit.repository(context.harness().repositories);
  const orgA = (): string => context.names().org('a');
  const orgB = (): string => context.names().org('b');
  const fresh = (organizationId = orgA(), id = context.names().id(kit.what)): A =>
    kit.create(context.names(), organizationId, id);
  const stored = async (aggregate: A): Promise<A> =>
    repository().getById(aggregate.organizationId, aggregate.id);

  describe(`${kit.what}: save and load`, () => {
    it('inserts a new aggregate at version 1 and loads it back field for field', async () => {
      const aggregate = fresh();
      await repository().save(aggregate);
      expect(aggregate.version).toBe(1);
      const loaded = await stored(aggregate);
      expect(loaded.version).toBe(1);
      expect(loaded.toSnapshot()).toEqual(aggregate.toSnapshot());
      expect(await repository().findById(aggregate.organizationId, aggregate.id)).not.toBeNull();
    });

    it('updates a loaded aggregate and bumps its version', async () => {
      const aggregate = fresh();
      await repository().save(aggregate);
      const loaded = await stored(aggregate);
      kit.change(loaded, 1);
      await repository().save(loaded);
      expect(loaded.version).toBe(2);
      const reloaded = await stored(aggregate);
      expect(reloaded.version).toBe(2);
      expect(reloaded.toSnapshot()).toEqual(loaded.toSnapshot());
    });

    it('saves the same instance again after a save (it was marked persisted)', async () => {
      const aggregate = fresh();
      await repository().save(aggregate);
      kit.change(aggregate, 1);
      await repository().save(aggregate);
      expect((await stored(aggregate)).toSnapshot()).toEqual(aggregate.toSnapshot());
    });

    it('getById throws NotFoundError and findById returns null for an unknown id', async () => {
      const id = context.names().id(`${kit.what}_missing`);
      expect(await repository().findById(orgA(), id)).toBeNull();
      await expect(repository().getById(orgA(), id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('hands out copies: changing a loaded or saved aggregate without saving leaves the store as it was', async () => {
      const aggregate = fresh();
      await repository().save(aggregate);
      const before = (await stored(aggregate)).toSnapshot();
      kit.change(aggregate, 1);
      const loaded = await stored(aggregate);
      kit.change(loaded, 2);
      expect((await stored(aggregate)).toSnapshot()).toEqual(before);
    });
  });

  describe(`${kit.what}: compare-and-set`, () => {
    it('rejects a save from a stale version with ConflictError and keeps the newer state', async () => {
      const aggregate = fresh();
      await repository().save(aggregate);
      const first = await stored(aggregate);
      const second = await stored(aggregate);
      kit.change(first, 1);
      await repository().save(first);
      kit.change(second, 2);
      await expect(repository().save(second)).rejects.toBeInstanceOf(ConflictError);
      expect(second.version).toBe(1);
      expect((await stored(aggregate)).toSnapshot()).toEqual(first.toSnapshot());
    });

    it('rejects inserting an id that already exists in the organization', async () => {
      const original = fresh();
      await repository().save(original);
      const duplicate = fresh(original.organizationId, original.id);
      await expect(repository().save(duplicate)).rejects.toBeInstanceOf(ConflictError);
      expect(duplicate.version).toBe(0);
      expect((await stored(original)).toSnapshot()).toEqual(original.toSnapshot());
    });

    it('rejects an update of an aggregate that was never stored', async () => {
      const ghost = kit.fromSnapshot({ ...fresh().toSnapshot(), version: 3 } as ReturnType<A['toSnapshot']>);
      await expect(repository().save(ghost)).rejects.toBeInstanceOf(ConflictError);
      expect(await repository().findById(ghost.organizationId, ghost.id)).toBeNull();
    });

    it('lets exactly one of two racing saves of the same loaded version win', async () => {
      const aggregate = fresh();
      await repository().save(aggregate);
      const contenders = [await stored(aggregate), await stored(aggregate)];
      for (const [index, contender] of contenders.entries()) kit.change(contender, index + 1);
      const results = await Promise.allSettled(contenders.map((contender) => repository().save(contender)));
      const winners = contenders.filter((_, index) => results[index]?.status === 'fulfilled');
      const losers = results.filter((result) => result.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect((losers[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      const state = await stored(aggregate);
      expect(state.version).toBe(2);
      expect(state.toSnapshot()).toEqual(winners[0]?.toSnapshot());
    });

    it('lets exactly one of two racing inserts of the same id win', async () => {
      const id = context.names().id(kit.what);
      const contenders = [fresh(orgA(), id), fresh(orgA(), id)];
      const results = await Promise.allSettled(contenders.map((contender) => repository().save(contender)));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConflictError);
      const winner = contenders[results.findIndex((result) => result.status === 'fulfilled')];
      expect((await repository().getById(orgA(), id)).toSnapshot()).toEqual(winner?.toSnapshot());
    });
  });

  describe(`${kit.what}: organizations`, () => {
    it('never reads another organization’s aggregate by id', async () => {
      const aggregate = fresh(orgA());
      await repository().save(aggregate);
      expect(await repository().findById(orgB(), aggregate.id)).toBeNull();
      await expect(repository().getById(orgB(), aggregate.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps the same id in two organizations apart, and a save in one never touches the other', async () => {
      const inA = fresh(orgA());
      await repository().save(inA);
      const inB = fresh(orgB(), inA.id);
      await repository().save(inB);
      kit.change(inB, 1);
      await repository().save(inB);
      const ghost = kit.fromSnapshot({ ...fresh(orgB()).toSnapshot(), version: 1 } as ReturnType<
        A['toSnapshot']
      >);
      const strayUpdate = kit.fromSnapshot({
        ...inA.toSnapshot(),
        organizationId: context.names().org('c'),
      } as ReturnType<A['toSnapshot']>);
      await expect(repository().save(strayUpdate)).rejects.toBeInstanceOf(ConflictError);
      await expect(repository().save(ghost)).rejects.toBeInstanceOf(ConflictError);
      const storedA = await stored(inA);
      expect(storedA.version).toBe(1);
      expect(storedA.toSnapshot()).toEqual(inA.toSnapshot());
      expect((await stored(inB)).toSnapshot()).toEqual(inB.toSnapshot());
    });
  });

  describeRepositoryTransactions(kit, context, fresh, stored);
}
