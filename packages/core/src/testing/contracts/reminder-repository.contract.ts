import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { Reminder } from '../../domain/reminder.js';
import type { ReminderSnapshot } from '../../domain/reminder-snapshot.js';
import type { ReminderQuery } from '../../ports/repositories.js';
import { describeAggregateBasics, useRepositoriesHarness } from './aggregate-repository.contract.js';
import { describeKeysetListing } from './listing-repository.contract.js';
import {
  aReminder,
  byCodeUnits,
  CONTRACT_EPOCH,
  idsOf,
  type RepositoriesHarnessFactory,
  readAllPages,
  saveAll,
} from './repository-contract-support.js';

/**
 * Registers the behavioural tests every `ReminderRepository` must pass: the shared aggregate-repository rules,
 * `list` (soonest first, filters, keyset pages) and `findDue`, the one cross-organization read. The `findDue`
 * checks hold on a database other suites write to: they only require that what it returns is due, PENDING,
 * soonest first and the soonest there is.
 *
 * @example
 * ```ts
 * describeReminderRepositoryContract('MemoryReminderRepository', () => createMemoryStores());
 * ```
 */
export function describeReminderRepositoryContract(
  name: string,
  createHarness: RepositoriesHarnessFactory,
): void {
  describe(`${name} (ReminderRepository contract)`, () => {
    const context = useRepositoriesHarness(createHarness);
    const reminders = () => context.harness().repositories.reminders;
    const names = () => context.names();

    describeAggregateBasics<Reminder>(
      {
        what: 'reminder',
        repository: (repositories) => repositories.reminders,
        create: (_names, organizationId, id) => aReminder(organizationId, id, { referenceId: 'inv_ref' }),
        change: (reminder, variant) => reminder.reschedule(CONTRACT_EPOCH, CONTRACT_EPOCH + variant * 60_000),
        fromSnapshot: (snapshot: ReminderSnapshot) => Reminder.fromSnapshot(snapshot),
      },
      context,
    );

    describeKeysetListing<Reminder>(
      {
        what: 'reminder',
        tieBreak: 'asc',
        create: (listNames, organizationId, rank) =>
          aReminder(organizationId, listNames.id('rem'), {
            scheduledFor: CONTRACT_EPOCH + (rank + 1000) * 60_000,
          }),
        save: (reminder) => reminders().save(reminder),
        list: (organizationId, page) => reminders().list(organizationId, page),
      },
      context,
    );

    describe('list filters', () => {
      it('filters by customer, statuses and reference, soonest first', async () => {
        const org = names().org();
        const at = (minutes: number) => CONTRACT_EPOCH + minutes * 60_000;
        const ana1 = aReminder(org, names().id('rem'), {
          customerId: 'cus_ana',
          scheduledFor: at(3),
          referenceId: 'inv_1',
        });
        const ana2 = aReminder(org, names().id('rem'), { customerId: 'cus_ana', scheduledFor: at(1) });
        const bo1 = aReminder(org, names().id('rem'), {
          customerId: 'cus_bo',
          scheduledFor: at(2),
          referenceId: 'inv_1',
        });
        bo1.cancel(CONTRACT_EPOCH, 'paid');
        await saveAll((reminder: Reminder) => reminders().save(reminder), [ana1, ana2, bo1]);
        await reminders().save(
          aReminder(names().org('b'), names().id('rem'), { customerId: 'cus_ana', referenceId: 'inv_1' }),
        );

        const ids = async (query: ReminderQuery) => idsOf((await reminders().list(org, query)).items);
        expect(await ids({})).toEqual(idsOf([ana2, bo1, ana1]));
        expect(await ids({ customerId: 'cus_ana' })).toEqual(idsOf([ana2, ana1]));
        expect(await ids({ statuses: ['PENDING'] })).toEqual(idsOf([ana2, ana1]));
        expect(await ids({ statuses: ['CANCELLED', 'SENT'] })).toEqual(idsOf([bo1]));
        expect(await ids({ referenceId: 'inv_1' })).toEqual(idsOf([bo1, ana1]));
        expect(await ids({ referenceId: 'inv_1', statuses: ['PENDING'], customerId: 'cus_ana' })).toEqual(
          idsOf([ana1]),
        );
        expect(await ids({ referenceId: 'inv_none' })).toEqual([]);
        const paged = await readAllPages(
          (page) => reminders().list(org, { ...page, customerId: 'cus_ana' }),
          1,
        );
        expect(idsOf(paged.items)).toEqual(idsOf([ana2, ana1]));
      });
    });

    describe('findDue', () => {
      // Early times of a random day in 1970, so other suites' reminders (and rows earlier runs left) rarely
      // come between ours; the checks below hold even when they do.
      const dayStart = () => 86_400_000 * (1 + Math.floor(Math.random() * 300));

      it('returns PENDING reminders due at or before now, of every organization, soonest first', async () => {
        const base = dayStart();
        const at = (seconds: number) => base + seconds * 1000;
        const [orgA, orgB] = [names().org('a'), names().org('b')];
        const due = [
          aReminder(orgA, names().id('rem'), { scheduledFor: at(1) }),
          aReminder(orgB, names().id('rem'), { scheduledFor: at(2) }),
          aReminder(orgA, names().id('rem'), { scheduledFor: at(3) }),
          aReminder(orgB, names().id('rem'), { scheduledFor: at(50) }),
        ];
        const sent = aReminder(orgA, names().id('rem'), { scheduledFor: at(0) });
        sent.markAsSent(at(0));
        const cancelled = aReminder(orgB, names().id('rem'), { scheduledFor: at(0) });
        cancelled.cancel(at(0));
        const failed = aReminder(orgA, names().id('rem'), { scheduledFor: at(0) });
        for (let attempt = 0; attempt < failed.maxAttempts; attempt += 1)
          failed.markAsFailed(at(0), 'timeout');
        const later = aReminder(orgA, names().id('rem'), { scheduledFor: at(51) });
        await saveAll(
          (reminder: Reminder) => reminders().save(reminder),
          [...due.reverse(), sent, cancelled, failed, later],
        );
        due.reverse();

        const found = await reminders().findDue(at(50), 1000);
        expectDueAndSorted(found, at(50));
        const ours = new Set(idsOf([...due, sent, cancelled, failed, later]));
        const mine = found.filter((reminder) => ours.has(reminder.id));
        expect(idsOf(mine)).toEqual(idsOf(due));
        expect(mine.map((reminder) => reminder.organizationId)).toEqual([orgA, orgB, orgA, orgB]);
        expect(mine[1]?.toSnapshot()).toEqual(due[1]?.toSnapshot());

        await cancelAll(due.concat(later));
      });

      it('returns at most limit reminders, the soonest ones', async () => {
        const base = dayStart();
        const org = names().org();
        const due = Array.from({ length: 5 }, (_, index) =>
          aReminder(org, names().id('rem'), { scheduledFor: base + (5 - index) * 1000 }),
        );
        await saveAll((reminder: Reminder) => reminders().save(reminder), due);
        const soonestFirst = [...due].sort(
          (a, b) => a.scheduledFor - b.scheduledFor || byCodeUnits(a.id, b.id),
        );

        for (const limit of [1, 2, 5]) {
          const found = await reminders().findDue(base + 10_000, limit);
          expect(found).toHaveLength(limit);
          expectDueAndSorted(found, base + 10_000);
          // Anything of ours sooner than the last one returned must have been returned.
          const last = found.at(-1)?.scheduledFor ?? Number.NEGATIVE_INFINITY;
          const returned = new Set(idsOf(found));
          for (const reminder of soonestFirst) {
            if (reminder.scheduledFor < last) expect(returned.has(reminder.id), reminder.id).toBe(true);
          }
        }
        await cancelAll(due);
      });

      it('sees a reminder once its time comes and no more once it was sent', async () => {
        const base = dayStart();
        const reminder = aReminder(names().org(), names().id('rem'), { scheduledFor: base + 5000 });
        await reminders().save(reminder);
        const dueIds = async (now: number) => idsOf(await reminders().findDue(now, 1000));
        expect(await dueIds(base + 4999)).not.toContain(reminder.id);
        expect(await dueIds(base + 5000)).toContain(reminder.id);
        reminder.markAsSent(base + 5000);
        await reminders().save(reminder);
        expect(await dueIds(base + 5000)).not.toContain(reminder.id);
      });

      it('rejects a limit outside 1–1000', async () => {
        for (const limit of [0, -1, 1.5, 1001]) {
          await expect(reminders().findDue(CONTRACT_EPOCH, limit), `limit ${limit}`).rejects.toBeInstanceOf(
            ValidationError,
          );
        }
      });
    });

    /** Cancels the test's still pending reminders, so a shared database keeps no due rows of ours. */
    async function cancelAll(list: readonly Reminder[]): Promise<void> {
      for (const reminder of list) {
        const current = await reminders().getById(reminder.organizationId, reminder.id);
        if (current.status !== 'PENDING') continue;
        current.cancel(current.scheduledFor);
        await reminders().save(current);
      }
    }
  });
}

function expectDueAndSorted(found: readonly Reminder[], now: number): void {
  for (const reminder of found) {
    expect(reminder.status).toBe('PENDING');
    expect(reminder.scheduledFor).toBeLessThanOrEqual(now);
  }
  const times = found.map((reminder) => reminder.scheduledFor);
  expect(times).toEqual([...times].sort((a, b) => a - b));
}
