import { Injectable } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

/** The share of a limit at which the people who can act are told. */
export const LIMIT_WARNING_SHARE = 0.8;

/** A limit a workspace can reach, how it is said, and where it is shown. Billing's plan limits join here. */
interface LimitInfo {
  /** `about`: what the limit belongs to when it is one of many (`API key "Zapier"`). */
  title: (about?: string) => string;
  /** How much is used, what happens past the limit, and what to do. */
  body: (used: number, limit: number, about?: string) => string;
  /** The page that shows it, under the workspace. */
  page: string;
}

export const LIMITS = {
  'automation.concurrent_runs': {
    title: () => 'Automations are near their limit of runs at once',
    body: (used, limit) =>
      `${used} of the ${limit} runs this workspace may have at once are running. Runs beyond it wait their turn in the queue: spread triggers out, or ask your administrator for a higher limit.`,
    page: 'automations',
  },
  'api.requests': {
    title: (about) => `${about ?? 'An API key'} is near its request limit`,
    body: (used, limit) =>
      `It made ${used} of the ${limit} requests it may make per window. Requests beyond it are refused (429) until the window resets: slow the integration down.`,
    page: 'api-keys',
  },
} satisfies Record<string, LimitInfo>;

/** Which limit: a key of LIMITS, optionally `:<id>` for one of many (an API key's own budget). */
export type LimitKey = keyof typeof LIMITS | `${keyof typeof LIMITS}:${string}`;

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
