import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { QUOTA_WARNING_SHARE, quotaFor } from '../scheduling/quotas';
import { Workspace } from '../workspaces/workspace.entity';
import { dayOfInstant } from './calendar-days';
import { CalendarReads, Placed, Range, VariantDetails, VariantKey } from './calendar-reads';
import { CalendarScopeFilters, scopeOf } from './calendar-scope';

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
  reads: CalendarReads | null;
  placed: Placed[];
  wholeDays: boolean;
  more: number;
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
    const read = await this.read(workspaceId, filters, true);
    const entries = read.placed.map((p) => this.entry(p as Placed<VariantKey & VariantDetails>, read.accounts));
    return {
      timeZone: read.workspace.timeZone,
      entries,
      // An account's day counts all its posts: a content filter shows only some, so its warnings would be wrong.
      quotaWarnings: read.wholeDays ? this.quotaWarnings(read.placed, read.accounts, read.workspace, filters) : [],
      more: read.more,
    };
  }

  /**
   * Each local day of the range (in the workspace's zone) that holds entries: its total, its count
   * per state, and its first `perDay` entries by time. A day holds what was planned for it (an
   * attempt by its occurrence, shown at the time it went out), as `day` pages it.
   */
  async days(workspaceId: string, filters: CalendarFilters, perDay: number): Promise<CalendarDays> {
    const read = await this.read(workspaceId, filters, false);
    const dayOf = dayOfInstant(filters.from, filters.to, read.workspace.timeZone);
    const byDay = new Map<string, { date: string; total: number; counts: Record<string, number>; first: Placed[] }>();
    for (const p of read.placed) {
      const date = dayOf(p.plannedAt.getTime());
      let day = byDay.get(date);
      if (!day) byDay.set(date, (day = { date, total: 0, counts: {}, first: [] }));
      day.total++;
      day.counts[p.state] = (day.counts[p.state] ?? 0) + 1;
      if (day.first.length < perDay) day.first.push(p);
    }
    const shown = [...byDay.values()].flatMap((d) => d.first);
    const details = read.reads ? await read.reads.details(shown.map((p) => p.row.variantId)) : new Map();
    const entry = (p: Placed) =>
      this.entry({ ...p, row: { ...p.row, ...details.get(p.row.variantId)! } }, read.accounts);
    return {
      timeZone: read.workspace.timeZone,
      days: [...byDay.values()].map(({ first, ...day }) => ({ ...day, entries: first.map(entry) })),
      quotaWarnings: read.wholeDays ? this.quotaWarnings(read.placed, read.accounts, read.workspace, filters) : [],
      more: read.more,
    };
  }

  /** A page of one local day's entries in time order (`date` in the workspace's zone), after `cursor`. */
  async day(
    workspaceId: string,
    date: string,
    filters: CalendarScopeFilters,
    page: { cursor?: string; limit: number },
  ): Promise<CalendarDayPage> {
    const { timeZone } = await this.dataSource.manager.findOneByOrFail(Workspace, { id: workspaceId });
    const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
    const range = { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
    const read = await this.read(workspaceId, { ...filters, ...range }, true);
    const cursor = page.cursor && parseCursor(page.cursor);
    // Keyset, not position: an entry moved away since the last page does not shift the next one.
    const next = cursor ? read.placed.findIndex((p) => inOrder(cursor, p) < 0) : 0;
    const after = next < 0 ? read.placed.length : next;
    const shown = read.placed.slice(after, after + page.limit);
    const last = shown.length && after + shown.length < read.placed.length ? shown[shown.length - 1] : null;
    return {
      timeZone,
      items: shown.map((p) => this.entry(p as Placed<VariantKey & VariantDetails>, read.accounts)),
      nextCursor: last && cursorOf(last),
    };
  }

  /** The range's entries from its three reads, in time order, without their details unless `detailed`. */
  private async read(workspaceId: string, filters: CalendarFilters, detailed: boolean): Promise<RangeRead> {
    const em = this.dataSource.manager;
    const workspace = await em.findOneByOrFail(Workspace, { id: workspaceId });
    const accounts = new Map((await em.findBy(SocialAccount, { workspaceId })).map((a) => [a.id, a]));
    const scope = await scopeOf(em, workspaceId, filters, accounts);
    if (!scope) return { workspace, accounts, reads: null, placed: [], wholeDays: false, more: 0 };
    const reads = new CalendarReads(this.dataSource, em, workspaceId, scope, detailed);
    const [past, due, repeats] = await Promise.all([
      reads.attempted(filters),
      reads.due(filters),
      reads.repeats(filters),
    ]);
    const placed: Placed[] = [];
    const seen = new Set<string>();
    // A job being sent and its variant (`publishing`) are one entry: the web app keys entries by variant and time.
    for (const p of [...past, ...due, ...repeats.placed]) {
      const key = `${p.row.variantId} ${p.at.getTime()}`;
      if (!accounts.has(p.row.accountId) || seen.has(key)) continue;
      seen.add(key);
      placed.push(p);
    }
    placed.sort(inOrder);
    return { workspace, accounts, reads, placed, wholeDays: scope.wholeDays, more: repeats.more };
  }

  private entry(p: Placed<VariantKey & VariantDetails>, accounts: Map<string, SocialAccount>): CalendarEntry {
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
    };
  }

  /** Days where an account's posts come near (≥ 80 %) or over its network's daily quota. */
  private quotaWarnings(
    placed: Placed[],
    accounts: Map<string, SocialAccount>,
    workspace: Workspace,
    range: Range,
  ): QuotaWarning[] {
    const dayOf = dayOfInstant(range.from, range.to, workspace.timeZone);
    const counts = new Map<string, { date: string; accountId: string; count: number; postType: PostType }>();
    for (const { at, row } of placed) {
      const date = dayOf(at.getTime());
      const key = `${row.accountId} ${date}`;
      const current = counts.get(key) ?? { date, accountId: row.accountId, count: 0, postType: row.postType };
      current.count++;
      counts.set(key, current);
    }
    return [...counts.values()].flatMap(({ date, accountId, count, postType }) => {
      const account = accounts.get(accountId);
      const quota = account && quotaFor(account.network, postType);
      if (!quota || quota.windowHours !== 24 || count < quota.max * QUOTA_WARNING_SHARE) return [];
      return [{ date, accountId, quota: quota.label, count, max: quota.max }];
    });
  }
}

type Positioned = { at: Date; row: { variantId: string } };

/** Entries by time, then variant: an order with no ties (one entry per variant and time), so a day pages by it. */
function inOrder(a: Positioned, b: Positioned): number {
  const { variantId: x } = a.row;
  const { variantId: y } = b.row;
  return a.at.getTime() - b.at.getTime() || (x < y ? -1 : x > y ? 1 : 0);
}

/** Where a day page ends: the last entry's time and variant. */
const cursorOf = (p: Placed) => `${p.at.toISOString()}_${p.row.variantId}`;

const parseCursor = (cursor: string) => {
  const [at, variantId] = cursor.split('_');
  return { at: new Date(at), row: { variantId } };
};
