import type { EventEmitter2 } from '@nestjs/event-emitter';
import { ACCOUNT_NEEDS_RECONNECT, type AccountNeedsReconnectEvent } from '../common/domain-events';
import type { SocialAccount } from './social-account.entity';

/**
 * Tells other contexts (REST hook subscriptions) that an account that was working now needs a
 * person to reconnect it. The key is the change itself, so a redelivery is acted on once.
 */
export async function announceReconnect(events: EventEmitter2, account: SocialAccount, reason: string): Promise<void> {
  const event: AccountNeedsReconnectEvent = {
    workspaceId: account.workspaceId,
    accountId: account.id,
    reason,
    key: `${account.id}:${Date.now()}`,
  };
  await events.emitAsync(ACCOUNT_NEEDS_RECONNECT, event);
}
