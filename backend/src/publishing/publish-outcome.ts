import type { FailureClass } from '../connectors/failure-classification';
import type { PublishedPost } from '../connectors/connector';
import type { PublishFailureCode } from '../common/domain-events';

/** What became of one attempt; the recorder turns it into rows, the notifier into messages. */
export type PublishOutcome =
  | { kind: 'published'; post: PublishedPost; reconciled: boolean }
  | { kind: 'retry'; afterMs: number; reason: string }
  | { kind: 'failed'; code: PublishFailureCode; reason: string }
  | { kind: 'needs_review'; reason: string }
  | { kind: 'cancelled'; reason: string };

/** A network failure after `attempt` attempts, with the wait before the next one (null: none left). */
export function outcomeOfFailure(failure: FailureClass, retryDelayMs: number | null): PublishOutcome {
  switch (failure.kind) {
    case 'reauth':
      return { kind: 'failed', code: 'REAUTH_REQUIRED', reason: failure.reason };
    case 'bad-request':
      return { kind: 'failed', code: 'REJECTED', reason: failure.reason };
    case 'disconnect':
      return { kind: 'failed', code: 'ACCOUNT_DISCONNECTED', reason: failure.reason };
    case 'retry':
      return retryDelayMs === null
        ? { kind: 'failed', code: 'RETRIES_EXHAUSTED', reason: `gave up after the last attempt: ${failure.reason}` }
        : { kind: 'retry', afterMs: retryDelayMs, reason: failure.reason };
  }
}
