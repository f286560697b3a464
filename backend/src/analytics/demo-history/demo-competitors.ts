import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { sandboxCompetitor } from '../../connectors/sandbox/sandbox-competitors';
import { daysFrom, Competitors } from '../analytics-reads/competitors';
import { AnalyticsReadsError } from '../analytics-reads/analytics-reads.errors';
import { CompetitorDay } from '../competitor-day.entity';
import { Competitor } from '../competitor.entity';

/** Two made-up cafés the demo workspace is compared with. */
export const DEMO_COMPETITORS = ['brew_brothers', 'the_daily_grind'];

type DayRow = Omit<CompetitorDay, 'competitor'>;

/**
 * The demo's Sandbox competitors, tracked as any competitor is (Competitors.add), with their past
 * days filled in: each day is the Sandbox's public profile as the daily snapshot would have read
 * it at the end of that day (followers then, posts of that day with their figures as of then).
 */
@Injectable()
export class DemoCompetitors {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly competitors: Competitors,
  ) {}

  /** Tracks the demo competitors (once) and writes `days` days of their history; returns how many. */
  async load(workspaceId: string, timeZone: string, now: Date, days: number): Promise<number> {
    for (const handle of DEMO_COMPETITORS) {
      const competitor = await this.tracked(workspaceId, handle);
      const rows = history(competitor, timeZone, now, days);
      await this.dataSource.getRepository(CompetitorDay).upsert(rows, ['competitorId', 'day']);
    }
    return DEMO_COMPETITORS.length;
  }

  private async tracked(workspaceId: string, handle: string): Promise<Competitor> {
    try {
      return await this.competitors.add(workspaceId, 'sandbox', handle);
    } catch (error) {
      if (!(error instanceof AnalyticsReadsError && error.code === 'COMPETITOR_TRACKED')) throw error;
      return this.dataSource.getRepository(Competitor).findOneByOrFail({ workspaceId, network: 'sandbox', handle });
    }
  }
}

/**
 * A day row per local day, oldest first: the day's own figures (followers …) from the profile read
 * at its end; its posts as the last read that lists them counted them (as the daily job leaves them).
 */
export function history(competitor: Competitor, timeZone: string, now: Date, days: number): DayRow[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const rows = new Map<string, DayRow>();
  for (let back = days; back >= 0; back--) {
    const day = today.minus({ days: back });
    const end = new Date(Math.min(day.endOf('day').toMillis(), now.getTime()));
    const profile = sandboxCompetitor(competitor.handle, end, timeZone);
    for (const row of daysFrom(competitor, profile, timeZone, end)) {
      const kept = rows.get(row.day);
      const own = row.day === day.toISODate();
      rows.set(row.day, {
        ...row,
        followers: own ? row.followers : (kept?.followers ?? null),
        following: own ? row.following : (kept?.following ?? null),
        posts: own ? row.posts : (kept?.posts ?? null),
      });
    }
  }
  const first = today.minus({ days }).toISODate()!;
  return [...rows.values()].filter((row) => row.day >= first).sort((a, b) => a.day.localeCompare(b.day));
}
