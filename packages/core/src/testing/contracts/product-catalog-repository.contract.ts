import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../domain/errors.js';
import { Product, type ProductSnapshot } from '../../domain/product.js';
import { describeAggregateBasics, useRepositoriesHarness } from './aggregate-repository.contract.js';
import { describeKeysetListing } from './listing-repository.contract.js';
import {
  aProduct,
  CONTRACT_EPOCH,
  idsOf,
  type RepositoriesHarnessFactory,
  readAllPages,
  saveAll,
} from './repository-contract-support.js';

/**
 * Registers the behavioural tests every `ProductCatalog` must pass: the shared aggregate-repository rules,
 * one product per SKU and organization (compared case-insensitively), `findBySku`, and `list` in SKU order
 * with `activeOnly` and keyset pages. The listing tests use upper-case ASCII SKUs, whose order every
 * collation agrees on.
 *
 * @example
 * ```ts
 * describeProductCatalogContract('MemoryProductCatalog', () => createMemoryStores());
 * ```
 */
export function describeProductCatalogContract(
  name: string,
  createHarness: RepositoriesHarnessFactory,
): void {
  describe(`${name} (ProductCatalog contract)`, () => {
    const context = useRepositoriesHarness(createHarness);
    const products = () => context.harness().repositories.products;
    const names = () => context.names();

    describeAggregateBasics<Product>(
      {
        what: 'product',
        repository: (repositories) => repositories.products,
        create: (createNames, organizationId, id) => aProduct(organizationId, id, { sku: createNames.sku() }),
        change: (product, variant) => product.setStock(CONTRACT_EPOCH + variant, 100 + variant),
        fromSnapshot: (snapshot: ProductSnapshot) => Product.fromSnapshot(snapshot),
      },
      context,
    );

    describeKeysetListing<Product>(
      {
        what: 'product',
        tieBreak: 'asc',
        // SKUs are unique, so equal ranks get distinct SKUs that still sort by rank first.
        create: (listNames, organizationId, rank) =>
          aProduct(organizationId, listNames.id('prd'), {
            sku: listNames.sku(`SKU-${String(rank + 1000).padStart(6, '0')}`),
          }),
        save: (product) => products().save(product),
        list: (organizationId, page) => products().list(organizationId, page),
      },
      context,
    );

    describe('SKU', () => {
      it('finds a product by SKU in any letter case, only in its organization', async () => {
        const product = aProduct(names().org(), names().id('prd'), { sku: 'Rice-5KG' });
        await products().save(product);
        for (const sku of ['Rice-5KG', 'rice-5kg', 'RICE-5KG']) {
          expect((await products().findBySku(names().org(), sku))?.toSnapshot(), sku).toEqual(
            product.toSnapshot(),
          );
        }
        expect(await products().findBySku(names().org(), 'RICE-1KG')).toBeNull();
        expect(await products().findBySku(names().org('b'), 'rice-5kg')).toBeNull();
      });

      it('refuses a second product whose SKU differs only in case, but not in another organization', async () => {
        const first = aProduct(names().org(), names().id('prd'), { sku: 'BEANS-1KG' });
        await products().save(first);
        const second = aProduct(names().org(), names().id('prd'), { sku: 'beans-1kg' });
        await expect(products().save(second)).rejects.toBeInstanceOf(ConflictError);
        expect(await products().findById(names().org(), second.id)).toBeNull();
        const elsewhere = aProduct(names().org('b'), names().id('prd'), { sku: 'beans-1kg' });
        await products().save(elsewhere);
        expect((await products().findBySku(names().org(), 'Beans-1kg'))?.id).toBe(first.id);
        expect((await products().findBySku(names().org('b'), 'BEANS-1KG'))?.id).toBe(elsewhere.id);
      });

      it('lets exactly one of two racing new products with one SKU be saved', async () => {
        const contenders = [
          aProduct(names().org(), names().id('prd'), { sku: 'OIL-1L' }),
          aProduct(names().org(), names().id('prd'), { sku: 'oil-1l' }),
        ];
        const results = await Promise.allSettled(contenders.map((product) => products().save(product)));
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(ConflictError);
        const winner = contenders[results.findIndex((result) => result.status === 'fulfilled')];
        expect((await products().findBySku(names().org(), 'Oil-1l'))?.id).toBe(winner?.id);
      });
    });

    describe('list', () => {
      it('lists only active products when asked, in SKU order, page by page', async () => {
        const org = names().org();
        const make = (sku: string, active: boolean) => aProduct(org, names().id('prd'), { sku, active });
        const [c, a, d, b] = [
          make('C-300', true),
          make('A-100', true),
          make('D-400', false),
          make('B-200', false),
        ];
        await saveAll((product: Product) => products().save(product), [c, a, d, b]);
        await products().save(aProduct(names().org('b'), names().id('prd'), { sku: 'A-000' }));
        expect(idsOf((await products().list(org)).items)).toEqual(idsOf([a, b, c, d]));
        expect(idsOf((await products().list(org, { activeOnly: false })).items)).toEqual(idsOf([a, b, c, d]));
        const active = await readAllPages((page) => products().list(org, { ...page, activeOnly: true }), 1);
        expect(idsOf(active.items)).toEqual(idsOf([a, c]));
        c.setActive(CONTRACT_EPOCH + 1, false);
        await products().save(c);
        expect(idsOf((await products().list(org, { activeOnly: true })).items)).toEqual(idsOf([a]));
      });
    });
  });
}
