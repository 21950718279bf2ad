import type { InvoiceSnapshot } from '../../domain/invoice-snapshot.js';
import type { Page, PageRequest } from '../../ports/repositories.js';
import type { CommandHandlers } from '../commands/command-handlers.js';
import type {
  IssueInvoiceCommand,
  RecordPaymentCommand,
  VoidInvoiceCommand,
} from '../commands/invoice-commands.js';
import type { Queries } from '../queries.js';

/**
 * Invoices: issue from an order, record payments, void, read. A thin face over the invoice commands and
 * queries.
 *
 * @example
 * ```ts
 * const invoice = await app.invoices.generateFromOrder({ organizationId, orderId, defaultTaxRateBps: 1800 });
 * await app.invoices.recordPayment({ organizationId, invoiceId: invoice.id, reference: 'pay_123' }); // pays in full
 * ```
 */
export class InvoiceService {
  readonly #commands: CommandHandlers;
  readonly #queries: Queries;

  constructor(commands: CommandHandlers, queries: Queries) {
    this.#commands = commands;
    this.#queries = queries;
  }

  /** Issues the order's invoice (or returns the one it has). @see CommandHandlers.issueInvoice */
  generateFromOrder(input: IssueInvoiceCommand): Promise<InvoiceSnapshot> {
    return this.#commands.issueInvoice(input);
  }
  /** @see CommandHandlers.issueInvoice */
  issueInvoice(input: IssueInvoiceCommand): Promise<InvoiceSnapshot> {
    return this.#commands.issueInvoice(input);
  }
  /** @see CommandHandlers.recordPayment */
  recordPayment(input: RecordPaymentCommand): Promise<InvoiceSnapshot> {
    return this.#commands.recordPayment(input);
  }
  /** @see CommandHandlers.voidInvoice */
  voidInvoice(input: VoidInvoiceCommand): Promise<InvoiceSnapshot> {
    return this.#commands.voidInvoice(input);
  }
  /** @see Queries.getInvoice */
  getInvoice(input: { organizationId: string; invoiceId: string }): Promise<InvoiceSnapshot> {
    return this.#queries.getInvoice(input);
  }
  /** @see Queries.listOverdueInvoices */
  listOverdue(input: { organizationId: string } & PageRequest): Promise<Page<InvoiceSnapshot>> {
    return this.#queries.listOverdueInvoices(input);
  }
}
