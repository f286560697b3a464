import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ConnectorFailure } from '../connector';
import { DailyQuota, QuotaLedger } from '../network-state/quota-ledger';

/** YouTube's quota days start at midnight Pacific time. */
const PACIFIC = 'America/Los_Angeles';

/** A project's default YouTube Data API quota. */
export const YOUTUBE_DAILY_UNITS = 10_000;

/** What each call costs in quota units (YouTube's published costs). */
export const YOUTUBE_COSTS = {
  upload: 1600,
  thumbnail: 50,
  delete: 50,
  read: 1,
} as const;

export const YOUTUBE_QUOTA: DailyQuota = {
  network: 'youtube',
  unitsPerDay: YOUTUBE_DAILY_UNITS,
  dayOf: (at) => DateTime.fromJSDate(at).setZone(PACIFIC).toISODate()!,
};

/** Milliseconds from `now` to the next midnight in Pacific time, when the quota is new. */
export function msUntilPacificMidnight(now: Date): number {
  const next = DateTime.fromJSDate(now).setZone(PACIFIC).plus({ days: 1 }).startOf('day');
  return next.toMillis() - now.getTime();
}

export function quotaFailure(reason: string, now = new Date()): ConnectorFailure {
  return new ConnectorFailure({ kind: 'retry', afterMs: msUntilPacificMidnight(now), reason });
}

/** Spends units before each call and refuses, with a retry at the next quota day, when they would run out. */
export class YouTubeQuota {
  private readonly ledger: QuotaLedger;

  constructor(dataSource: DataSource) {
    this.ledger = new QuotaLedger(dataSource, YOUTUBE_QUOTA);
  }

  async spend(channelId: string, units: number, what: string): Promise<void> {
    if (await this.ledger.spend(channelId, units)) return;
    throw quotaFailure(
      `YouTube's daily API quota (${YOUTUBE_DAILY_UNITS} units) has no room for ${what} (${units} units) today; trying again after midnight Pacific time`,
    );
  }

  /** Google said the quota is spent: the ledger agrees until the next quota day. */
  exhausted(channelId: string): Promise<void> {
    return this.ledger.exhaust(channelId);
  }

  used(): Promise<number> {
    return this.ledger.used();
  }
}
