import type { Logger } from '../ports/logger.js';
import type { MessagingTransport, OutboundMessage } from '../ports/messaging-transport.js';
import { provesNotSent } from './message-not-sent-error.js';
import type { SendLedger, SendRecord } from './send-ledger.js';

/** What {@link sendOnce} did. */
export type SendOnceResult =
  /** The transport accepted the message just now. */
  | { readonly outcome: 'sent'; readonly providerMessageId: string }
  /** An earlier run settled (or possibly sent) this message; nothing was sent now. */
  | { readonly outcome: 'duplicate'; readonly record: SendRecord }
  /** The transport proved the message did not go out; the claim was released so a retry may send it. */
  | { readonly outcome: 'refused'; readonly error: Error };

/** One guarded send. */
export interface SendOnceRequest {
  readonly organizationId: string;
  /** What is sent to whom; the same key is never sent twice. */
  readonly key: string;
  /** What the send is counted under (a campaign id). */
  readonly group?: string | null;
  readonly message: OutboundMessage;
}

/** The ports {@link sendOnce} uses. */
export interface SendOnceDeps {
  readonly transport: MessagingTransport;
  readonly ledger: SendLedger;
  readonly logger: Logger;
}

/**
 * Sends `message` at most once per `key`: claims the key in the ledger, calls the transport, records the
 * provider's id. A claim left unsettled by an earlier run (a crash, an ambiguous transport error) is
 * treated as sent and settled with an unknown id, because a customer getting the same message twice is
 * worse than one message whose fate is unknown. A transport error that proves nothing went out (see
 * `provesNotSent`) releases the claim and is returned as `refused`; any other error is rethrown with the
 * claim kept, so the job's retry finds it and does not send again.
 *
 * @example
 * ```ts
 * const result = await sendOnce({ transport, ledger, logger }, {
 *   organizationId, key: `reminder_${reminder.id}`, message: { kind: 'text', to, body },
 * });
 * ```
 */
export async function sendOnce(deps: SendOnceDeps, request: SendOnceRequest): Promise<SendOnceResult> {
  const { transport, ledger, logger } = deps;
  const { organizationId, key, message } = request;
  const claim = await ledger.begin(organizationId, key, { group: request.group ?? null });
  if (!claim.claimed) {
    if (claim.record.state !== 'sending') return { outcome: 'duplicate', record: claim.record };
    logger.warn(
      { key, organizationId },
      'an earlier attempt of this send did not finish; it is treated as sent and not sent again',
    );
    return { outcome: 'duplicate', record: await ledger.complete(organizationId, key, null) };
  }
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await transport.send(organizationId, message));
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    if (!provesNotSent(error)) throw error;
    await ledger.release(organizationId, key);
    return { outcome: 'refused', error };
  }
  await ledger.complete(organizationId, key, providerMessageId);
  return { outcome: 'sent', providerMessageId };
}
