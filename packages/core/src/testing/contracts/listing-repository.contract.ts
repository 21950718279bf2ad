import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import type { Page, PageRequest } from '../../ports/repositories.js';
import type { RepositoryContractContext } from './aggregate-repository.contract.js';
import {
  byCodeUnits,
  type ContractNames,
  idsOf,
  readAllPages,
  saveAll,
} from './repository-contract-support.js';

/** How the listing tests make rows at known positions and read one listing. */
export interface ListingKit<A extends { readonly id: string }> {
  /** The listing in test titles, for example `orders`. */
  readonly what: string;
  /**
   * A new aggregate that sorts at `rank` (-1000 … 100 000; smaller comes first in the listing). Rows of
   * equal rank tie and are ordered by id, in `tieBreak` direction.
   */
  create(names: ContractNames, organizationId: string, rank: number): A;
  /** The id order among rows of equal rank. */
  readonly tieBreak: 'asc' | 'desc';
  save(aggregate: A): Promise<void>;
  list(organizationId: string, page?: PageRequest): Promise<Page<A>>;
}

/**
 * Registers what every keyset listing must do: the documented order with ties broken by id, only the
 * organization's rows, pages that neither repeat nor skip rows (also while rows are inserted), and request
 * validation (`limit` 1–1000, a cursor the listing handed out).
 */
export function describeKeysetListing<A extends { readonly id: string }>(
  kit: ListingKit<A>,
  context: RepositoryContractContext,
): void {
  const names = (): ContractNames => context.names();
  const ranked = (rows: readonly { row: A; rank: number }[]): string[] =>
    [...rows]
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          (kit.tieBreak === 'asc' ? byCodeUnits(a.row.id, b.row.id) : byCodeUnits(b.row.id, a.row.id)),
      )
      .map((entry) => entry.row.id);
  const seed = async (organizationId: string, ranks: readonly number[]) => {
    const rows = ranks.map((rank) => ({ row: kit.create(names(), organizationId, rank), rank }));
    await saveAll((entry: { row: A }) => kit.save(entry.row), rows);
    return rows;
  };

  describe(`${kit.what}: listing`, () => {
    it('is empty, with no next cursor, for an organization without rows', async () => {
      expect(await kit.list(names().org('empty'))).toEqual({ items: [], nextCursor: null });
    });

    it('lists in the documented order, ties broken by id, and only the organization’s rows', async () => {
      const org = names().org();
      await seed(names().org('b'), [1, 2, 3]);
      const rows = await seed(org, [5, 2, 9, 2, 7, 2, 0]);
      const page = await kit.list(org);
      expect(idsOf(page.items)).toEqual(ranked(rows));
      expect(page.nextCursor).toBeNull();
    });

    it('reads 250 rows in pages of 100 in order, with none missing or repeated', async () => {
      const org = names().org();
      const ranks = Array.from({ length: 250 }, (_, index) => (index * 37) % 125);
      const rows = await seed(org, ranks);
      const { items, pages } = await readAllPages((page) => kit.list(org, page), 100);
      expect(pages).toEqual([100, 100, 50]);
      expect(idsOf(items)).toEqual(ranked(rows));
      expect((await kit.list(org)).items, 'the default page size is 100').toHaveLength(100);
    });

    it('neither repeats nor skips rows when rows are inserted between pages', async () => {
      const org = names().org();
      const rows = await seed(
        org,
        Array.from({ length: 250 }, (_, index) => 100 + (index % 50)),
      );
      const behind: { row: A; rank: number }[] = [];
      const middle: { row: A; rank: number }[] = [];
      const ahead: { row: A; rank: number }[] = [];
      const { items } = await readAllPages(
        (page) => kit.list(org, page),
        100,
        async (pageNumber) => {
          // Rows before the cursor are behind the reader; rows after it are still ahead and must show up once.
          behind.push(...(await seed(org, [pageNumber])));
          middle.push(...(await seed(org, [120, 120])));
          ahead.push(...(await seed(org, [50_000 + pageNumber])));
        },
      );
      const ids = idsOf(items);
      expect(new Set(ids).size, 'no row is listed twice').toBe(ids.length);
      const behindIds = new Set(idsOf(behind.map((entry) => entry.row)));
      expect(
        ids.filter((id) => behindIds.has(id)),
        'rows inserted behind the cursor',
      ).toEqual([]);
      const mustAppear = new Set([...rows, ...ahead].map((entry) => entry.row.id));
      expect(ids.filter((id) => mustAppear.has(id))).toEqual(ranked([...rows, ...ahead]));
      const listed = new Set(ids);
      const everything = [...rows, ...middle, ...ahead].filter((entry) => listed.has(entry.row.id));
      expect(ids, 'the whole listing is in order').toEqual(ranked(everything));
    });

    it('pages one row at a time with limit 1 and takes up to 1000 rows per page', async () => {
      const org = names().org();
      const rows = await seed(org, [3, 1, 2, 1, 5]);
      const { items, pages } = await readAllPages((page) => kit.list(org, page), 1);
      expect(pages).toEqual([1, 1, 1, 1, 1]);
      expect(idsOf(items)).toEqual(ranked(rows));
      expect(idsOf((await kit.list(org, { limit: 1000 })).items)).toEqual(ranked(rows));
    });

    it('rejects a limit outside 1–1000 with a ValidationError naming limit', async () => {
      for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
        const error = await kit.list(names().org(), { limit }).catch((caught: unknown) => caught);
        expect(error, `limit ${limit}`).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('limit');
      }
    });

    it('rejects a cursor it did not hand out with a ValidationError naming after', async () => {
      const org = names().org();
      await seed(org, [1, 2]);
      const junk = ['not a cursor', '%%%', 'eyJ4IjoxfQ', btoa('[1,2,3,4,5,6]'), ''];
      for (const after of junk) {
        const error = await kit.list(org, { after, limit: 1 }).catch((caught: unknown) => caught);
        expect(error, `after ${JSON.stringify(after)}`).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('after');
      }
    });
  });
}

/** The listing kit of an aggregate listed newest first (`createdAt` desc, then id desc). */
export interface NewestFirstKit<A extends { readonly id: string }> {
  readonly what: string;
  create(organizationId: string, id: string, createdAt: number): A;
  save(aggregate: A): Promise<void>;
  list(organizationId: string, page?: PageRequest): Promise<Page<A>>;
}

/** {@link describeKeysetListing} for a newest-first listing: a higher rank is an older row. */
export function describeNewestFirstListing<A extends { readonly id: string }>(
  kit: NewestFirstKit<A>,
  context: RepositoryContractContext,
): void {
  const latest = Date.parse('2027-01-01T00:00:00Z');
  describeKeysetListing<A>(
    {
      what: kit.what,
      tieBreak: 'desc',
      create: (names, organizationId, rank) =>
        kit.create(organizationId, names.id(kit.what), latest - (rank + 1000) * 60_000),
      save: kit.save,
      list: kit.list,
    },
    context,
  );
}
