import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { Quota, QUOTA_WARNING_SHARE, quotaFor } from '../scheduling/quotas';
import { Workspace } from '../workspaces/workspace.entity';
import { AccountDayCount, CalendarDayReads } from './calendar-day-reads';
import { dayOfInstant, localDays } from './calendar-days';
import { CalendarReads, Placed, Range, RepeatRule, VariantDetails } from './calendar-reads';
import { CalendarScope, CalendarScopeFilters, scopeOf } from './calendar-scope';

export interface CalendarEntry extends VariantDetails {
  postId: string;
  variantId: string;
  accountId: string;
  network: NetworkId;
  at: string;
  state: string;
  postType: PostType;
  /** A later occurrence of a recurring or evergreen post (not yet a job). */
  repeat: boolean;
  /** Its schedule's rule, when it is such an occurrence. */
  repeatRule: RepeatRule | null;
}

export interface QuotaWarning {
  date: string;
  accountId: string;
  quota: string;
  count: number;
  max: number;
}

export interface CalendarFilters extends CalendarScopeFilters, Range {}

export interface CalendarRange {
  timeZone: string;
  entries: CalendarEntry[];
  quotaWarnings: QuotaWarning[];
  /** Repeats left out: a rule firing more than MAX_REPEATS_PER_VARIANT times in the range shows that many. */
  more: number;
}

/** One local day of a range: how many entries of each state, and the first few by time. */
export interface CalendarDay {
  date: string;
  total: number;
  counts: Record<string, number>;
  entries: CalendarEntry[];
}

export interface CalendarDays {
  timeZone: string;
  days: CalendarDay[];
  quotaWarnings: QuotaWarning[];
  more: number;
}

export interface CalendarDayPage {
  timeZone: string;
  items: CalendarEntry[];
  nextCursor: string | null;
}

/** What one read of a range found, in time order, one per variant and time. */
interface RangeRead {
  workspace: Workspace;
  accounts: Map<string, SocialAccount>;
  placed: Placed[];
  wholeDays: boolean;
  more: number;
}

/** The workspace, its accounts and the filters resolved in it (null: nothing can match). */
interface Setting {
  workspace: Workspace;
  accounts: Map<string, SocialAccount>;
  scope: CalendarScope | null;
}

/**
 * What goes out when, in a date range: variants due in it, later occurrences of repeating
 * schedules, and past attempts. Each of the three reads only its range through an index
 * (`ix_post_variants_calendar`, `ix_schedules_workspace_type`, `ix_publish_jobs_calendar`), so a
 * month costs its own entries whatever the size of the workspace. A month view asks for `days`:
 * each day's counts and first entries, read as keys and then the details of the shown ones only.
 */
@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async range(workspaceId: string, filters: CalendarFilters): Promise<CalendarRange> {
    const read = await this.read(workspaceId, filters);
    // ISO instants of one format sort as text; a plain comparison is far cheaper than localeCompare.
    const entries = read.placed
      .map((p) => this.entry(p, read.accounts))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      timeZone: read.workspace.timeZone,
      entries,
      // An account's day counts all its posts: a content filter shows only some, so its warnings would be wrong.
      quotaWarnings: read.wholeDays
        ? this.quotaWarnings(
            this.perAccount(read.placed, dayOfInstant(filters.from, filters.to, read.workspace.timeZone)),
            read.accounts,
          )
        : [],
      more: read.more,
    };
  }

  /**
   * Each local day of the range (in the workspace's zone) that holds entries: its total, its count
   * per state, and its first `perDay` entries by planned time. A day holds what was planned for it (an
   * attempt by its occurrence, shown at the time it went out), as `day` pages it.
   */
  async days(workspaceId: string, filters: CalendarFilters, perDay: number): Promise<CalendarDays> {
    const { workspace, accounts, scope } = await this.setting(workspaceId, filters);
    if (!scope) return { timeZone: workspace.timeZone, days: [], quotaWarnings: [], more: 0 };
    const em = this.dataSource.manager;
    const reads = new CalendarReads(this.dataSource, em, workspaceId, scope);
    const days = localDays(filters.from, filters.to, workspace.timeZone);
    const [tally, sending, publishing, repeats] = await Promise.all([
      new CalendarDayReads(this.dataSource, em, reads).tally(days, perDay, scope.wholeDays),
      reads.attempted(filters, ['sending']),
      reads.due(filters, ['publishing']),
      reads.repeats(filters),
    ]);
    // The few entries counted here rather than by the database: being sent now, and repeats (expanded from their rule).
    const others = this.merged(accounts, [sending, publishing, repeats.placed]);
    const dayOf = dayOfInstant(filters.from, filters.to, workspace.timeZone);
    const first = new Map<string, Placed[]>();
    // A repeating post's next time (read as due) carries its rule's words, as in `range`.
    const ruled = tally.first.map((p) => ({ ...p, rule: p.rule ?? repeats.rules.get(p.row.postId) }));
    for (const p of [...ruled, ...others]) {
      const date = dayOf(p.plannedAt.getTime());
      first.set(date, [...(first.get(date) ?? []), p]);
    }
    for (const p of others) {
      const date = dayOf(p.plannedAt.getTime());
      const counts = tally.counts.get(date) ?? {};
      counts[p.state] = (counts[p.state] ?? 0) + 1;
      tally.counts.set(date, counts);
    }
    return {
      timeZone: workspace.timeZone,
      days: days.flatMap(({ date }) => {
        const counts = tally.counts.get(date);
        if (!counts) return [];
        const shown = (first.get(date) ?? []).filter((p) => accounts.has(p.row.accountId)).sort(inOrder);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        return [{ date, total, counts, entries: shown.slice(0, perDay).map((p) => this.entry(p, accounts)) }];
      }),
      quotaWarnings: scope.wholeDays
        ? this.quotaWarnings([...tally.perAccount, ...this.perAccount(others, dayOf)], accounts)
        : [],
      more: repeats.more,
    };
  }

  /** A page of one local day's entries in time order (`date` in the workspace's zone), after `cursor`. */
  async day(
    workspaceId: string,
    date: string,
    filters: CalendarScopeFilters,
    page: { cursor?: string; limit: number },
  ): Promise<CalendarDayPage> {
    const { timeZone } = await this.dataSource.manager.findOneOrFail(Workspace, {
      select: { timeZone: true },
      where: { id: workspaceId },
    });
    const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
    const range = { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
    const read = await this.read(workspaceId, { ...filters, ...range });
    const cursor = page.cursor && parseCursor(page.cursor);
    // Keyset, not position: an entry moved away since the last page does not shift the next one.
    const next = cursor ? read.placed.findIndex((p) => inOrder(cursor, p) < 0) : 0;
    const after = next < 0 ? read.placed.length : next;
    const shown = read.placed.slice(after, after + page.limit);
    const last = shown.length && after + shown.length < read.placed.length ? shown[shown.length - 1] : null;
    return {
      timeZone,
      items: shown.map((p) => this.entry(p, read.accounts)),
      nextCursor: last && cursorOf(last),
    };
  }

  /** The range's entries from its three reads, one per variant and time, by planned time. */
  private async read(workspaceId: string, filters: CalendarFilters): Promise<RangeRead> {
    const { workspace, accounts, scope } = await this.setting(workspaceId, filters);
    if (!scope) return { workspace, accounts, placed: [], wholeDays: false, more: 0 };
    const reads = new CalendarReads(this.dataSource, this.dataSource.manager, workspaceId, scope);
    const [past, due, repeats] = await Promise.all([
      reads.attempted(filters),
      reads.due(filters),
      reads.repeats(filters),
    ]);
    const next = due.map((p) => ({ ...p, rule: repeats.rules.get(p.row.postId) }));
    const placed = this.merged(accounts, [past, next, repeats.placed]).sort(inOrder);
    return { workspace, accounts, placed, wholeDays: scope.wholeDays, more: repeats.more };
  }

  private async setting(workspaceId: string, filters: CalendarScopeFilters): Promise<Setting> {
    const em = this.dataSource.manager;
    // Only what the calendar reads of them: an account's sealed tokens and settings are not hydrated per request.
    const workspace = await em.findOneOrFail(Workspace, {
      select: { id: true, timeZone: true },
      where: { id: workspaceId },
    });
    const accounts = new Map(
      (await em.find(SocialAccount, { select: { id: true, network: true }, where: { workspaceId } })).map((a) => [
        a.id,
        a,
      ]),
    );
    return { workspace, accounts, scope: await scopeOf(em, workspaceId, filters, accounts) };
  }

  /** The reads' entries of the workspace's accounts, once each: a job being sent and its `publishing` variant are one entry. */
  private merged(accounts: Map<string, SocialAccount>, reads: Placed[][]): Placed[] {
    const placed: Placed[] = [];
    const seen = new Set<string>();
    for (const p of reads.flat()) {
      const key = `${p.row.variantId} ${p.at.getTime()}`;
      if (!accounts.has(p.row.accountId) || seen.has(key)) continue;
      seen.add(key);
      placed.push(p);
    }
    return placed;
  }

  private entry(p: Placed, accounts: Map<string, SocialAccount>): CalendarEntry {
    return {
      postId: p.row.postId,
      variantId: p.row.variantId,
      accountId: p.row.accountId,
      network: accounts.get(p.row.accountId)!.network,
      at: p.at.toISOString(),
      state: p.state,
      postType: p.row.postType,
      title: p.row.title,
      mediaId: p.row.mediaId,
      repeat: p.repeat,
      repeatRule: p.rule ?? null,
    };
  }

  /** Entries counted by planned day, account and post type (a day's quota counts some post types only). */
  private perAccount(placed: Placed[], dayOf: (epochMs: number) => string): AccountDayCount[] {
    const counts = new Map<string, AccountDayCount>();
    for (const { plannedAt, row } of placed) {
      const date = dayOf(plannedAt.getTime());
      const key = `${row.accountId} ${row.postType} ${date}`;
      const current = counts.get(key) ?? { date, accountId: row.accountId, postType: row.postType, count: 0 };
      current.count++;
      counts.set(key, current);
    }
    return [...counts.values()];
  }

  /** Days where an account's posts of the types its network's daily quota counts come near (≥ 80 %) or over it. */
  private quotaWarnings(counts: AccountDayCount[], accounts: Map<string, SocialAccount>): QuotaWarning[] {
    const days = new Map<string, { date: string; accountId: string; count: number; quota: Quota }>();
    for (const { date, accountId, postType, count } of counts) {
      const account = accounts.get(accountId);
      const quota = account && quotaFor(account.network, postType);
      if (!quota || quota.windowHours !== 24) continue;
      const key = `${accountId} ${date}`;
      const day = days.get(key) ?? { date, accountId, count: 0, quota };
      day.count += count;
      days.set(key, day);
    }
    return [...days.values()].flatMap(({ date, accountId, count, quota }) =>
      count < quota.max * QUOTA_WARNING_SHARE ? [] : [{ date, accountId, quota: quota.label, count, max: quota.max }],
    );
  }
}

type Positioned = { plannedAt: Date; row: { variantId: string } };

/**
 * Entries by planned time, then variant: the order a day's summary and its pages share, with no
 * ties (a variant is planned once per time). An attempt retried later keeps its planned place.
 */
function inOrder(a: Positioned, b: Positioned): number {
  const { variantId: x } = a.row;
  const { variantId: y } = b.row;
  return a.plannedAt.getTime() - b.plannedAt.getTime() || (x < y ? -1 : x > y ? 1 : 0);
}

/** Where a day page ends: the last entry's planned time and variant. */
const cursorOf = (p: Placed) => `${p.plannedAt.toISOString()}_${p.row.variantId}`;

const parseCursor = (cursor: string): Positioned => {
  const [at, variantId] = cursor.split('_');
  return { plannedAt: new Date(at), row: { variantId } };
};
