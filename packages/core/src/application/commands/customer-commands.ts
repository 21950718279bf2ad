import { z } from 'zod';
import { Customer } from '../../domain/customer.js';
import type { CustomerSnapshot } from '../../domain/customer-snapshot.js';
import type { CommandRunner, CommandScope } from '../command-runner.js';
import { optionalTextSchema, organizationIdSchema, phoneSchema } from '../schemas.js';
import { parseInput } from '../validation.js';

/** Input of `optOutCustomer`: the customer's phone in any common notation (`whatsapp:+…` too). */
export const optOutCustomerSchema = z.object({
  organizationId: organizationIdSchema,
  phone: phoneSchema,
  /** What the customer said, for example `STOP`. */
  reason: optionalTextSchema(500),
});

/** Input of `optInCustomer`. */
export const optInCustomerSchema = z.object({
  organizationId: organizationIdSchema,
  phone: phoneSchema,
  /** Stored when the customer is new. */
  name: optionalTextSchema(200),
});

export type OptOutCustomerCommand = z.input<typeof optOutCustomerSchema>;
export type OptInCustomerCommand = z.input<typeof optInCustomerSchema>;

/** The consent commands; gathered into `CommandHandlers` by `createCommandHandlers`. */
export interface CustomerCommands {
  /**
   * Records that the customer withdrew consent (STOP). An unknown phone gets a customer record, so the
   * opt-out is remembered before the first order. Repeating it changes nothing.
   */
  optOutCustomer(input: OptOutCustomerCommand): Promise<CustomerSnapshot>;
  /** Records consent (START), creating the customer when the phone is new. Repeating it changes nothing. */
  optInCustomer(input: OptInCustomerCommand): Promise<CustomerSnapshot>;
}

/** Builds the consent commands on a runner. */
export function createCustomerCommands(runner: CommandRunner): CustomerCommands {
  return {
    optOutCustomer: async (raw) => {
      const input = parseInput(optOutCustomerSchema, raw, 'optOutCustomer');
      return runner.run('optOutCustomer', (scope) =>
        withCustomer(scope, input.organizationId, input.phone, undefined, (customer) =>
          customer.optOut(scope.now, input.reason),
        ),
      );
    },
    optInCustomer: async (raw) => {
      const input = parseInput(optInCustomerSchema, raw, 'optInCustomer');
      return runner.run('optInCustomer', (scope) =>
        withCustomer(scope, input.organizationId, input.phone, input.name, (customer) =>
          customer.optIn(scope.now),
        ),
      );
    },
  };
}

/** Loads the customer with this phone (creating it when new), applies `change`, saves when anything changed. */
async function withCustomer(
  scope: CommandScope,
  organizationId: string,
  phone: string,
  name: string | undefined,
  change: (customer: Customer) => boolean,
): Promise<CustomerSnapshot> {
  const { tx, now } = scope;
  const known = await tx.customers.findByPhone(organizationId, phone);
  const customer =
    known ??
    Customer.create({
      id: scope.ids.next('cus'),
      organizationId,
      phone,
      ...(name === undefined ? {} : { name }),
      now,
    });
  const changed = change(customer);
  if (changed || !known) await scope.save(tx.customers, customer);
  return customer.toSnapshot();
}
