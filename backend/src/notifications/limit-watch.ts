import { Injectable } from '@nestjs/common';
import { LIMIT_WARNING_SHARE, LIMITS, type LimitInfo, type LimitKey } from './limits';
import { NotificationsService } from './notifications.service';

/** Receipts remembered in this process before the memo starts again (the database still dedupes). */
const MEMO_SIZE = 10_000;

/**
 * Tells a workspace's owners and admins when it crosses 80 % of a limit, once per limit per
 * period: callers report usage as it changes and the period they count in (a day, a billing
 * month); the notification's key makes it once across processes, a memo here spares the database
 * the repeats (a busy integration reports on every request).
 */
@Injectable()
export class LimitWatch {
  private readonly told = new Set<string>();

  constructor(private readonly notifications: NotificationsService) {}

  /**
   * `about` names what the limit belongs to when it is one of many (`API key "Zapier"`).
   * Returns how many members were told (0 below 80 %, or when told before in this period).
   */
  async report(
    workspaceId: string,
    limitKey: LimitKey,
    used: number,
    limit: number,
    period: string,
    about?: string,
  ): Promise<number> {
    if (limit <= 0 || used < limit * LIMIT_WARNING_SHARE) return 0;
    const key = `limit.near:${workspaceId}:${limitKey}:${period}`;
    if (this.told.has(key)) return 0;
    if (this.told.size >= MEMO_SIZE) this.told.clear();
    this.told.add(key);
    const info: LimitInfo = LIMITS[limitKey.split(':')[0] as keyof typeof LIMITS];
    return this.notifications.notify(workspaceId, {
      roles: ['owner', 'admin'],
      kind: 'limit_near',
      key,
      title: info.title(about),
      body: info.body(used, limit, about),
      link: `/w/${workspaceId}/${info.page}`,
    });
  }
}
