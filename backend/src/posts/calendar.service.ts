import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { inLists } from '../database/in-lists';
import { PublishJob, PublishJobStatus } from '../publishing/publish-job.entity';
import { nextEvergreen, recurringOccurrences } from '../scheduling/occurrences';
import { QUOTA_WARNING_SHARE, quotaFor } from '../scheduling/quotas';
import { Schedule, ScheduleType } from '../scheduling/schedule.entity';
import { Workspace } from '../workspaces/workspace.entity';
import { dayOfInstant } from './calendar-days';
import { CalendarScope, scopeOf } from './calendar-scope';
import { PostVariant, VariantState } from './post-variant.entity';
import { Post } from './post.entity';

export interface CalendarEntry {
  postId: string;
  variantId: string;
  accountId: string;
  network: NetworkId;
  at: string;
  state: string;
  postType: PostType;
  title: string;
  /** The variant's first media item (its thumbnail is shown on the entry). */
  mediaId: string | null;
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

export interface CalendarFilters {
  from: Date;
  to: Date;
  account?: string;
  network?: NetworkId;
  /** A label's name, as posts are labelled. */
  label?: string;
  /** The user who wrote the post. */
  author?: string;
  state?: string;
  type?: string;
}

export interface CalendarRange {
  timeZone: string;
  entries: CalendarEntry[];
  quotaWarnings: QuotaWarning[];
  /** Repeats left out: a rule firing more than MAX_REPEATS_PER_VARIANT times in the range shows that many. */
  more: number;
}

/** An hourly rule over the longest range (62 days); one firing more often is shown in part, `more` saying how much. */
export const MAX_REPEATS_PER_VARIANT = 1_500;
const UPCOMING: VariantState[] = ['scheduled', 'publishing'];
const REPEATING: ScheduleType[] = ['recurring', 'evergreen'];
const ATTEMPTED: PublishJobStatus[] = ['published', 'failed', 'needs_review', 'sending'];
/** Bounds an evergreen walk the way rrule's own iteration is bounded in `recurringOccurrences`. */
const MAX_EVERGREEN_STEPS = 100_000;

/** A variant as the calendar shows it, read with its post's title in the same row. */
interface VariantRow {
  variantId: string;
  postId: string;
  accountId: string;
  postType: PostType;
  title: string;
  mediaId: string | null;
}

interface Placed {
  row: VariantRow;
  at: Date;
  state: string;
  repeat: boolean;
}

/**
 * What goes out when, in a date range: variants due in it, later occurrences of repeating
 * schedules, and past attempts. Each of the three reads only its range through an index
 * (`ix_post_variants_calendar`, `ix_schedules_workspace_type`, `ix_publish_jobs_calendar`), so a
 * month costs its own entries whatever the size of the workspace.
 */
@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async range(workspaceId: string, filters: CalendarFilters): Promise<CalendarRange> {
    const em = this.dataSource.manager;
    const workspace = await em.findOneByOrFail(Workspace, { id: workspaceId });
    const accounts = new Map((await em.findBy(SocialAccount, { workspaceId })).map((a) => [a.id, a]));
    const scope = await scopeOf(em, workspaceId, filters, accounts);
    if (!scope) return { timeZone: workspace.timeZone, entries: [], quotaWarnings: [], more: 0 };
    const [past, due, repeats] = await Promise.all([
      this.attempted(em, workspaceId, filters, scope),
      this.due(em, workspaceId, filters, scope),
      this.repeats(em, workspaceId, filters, scope),
    ]);
    const entries: CalendarEntry[] = [];
    const seen = new Set<string>();
    // A job being sent and its variant (`publishing`) are one entry: the web app keys entries by variant and time.
    for (const p of [...past, ...due, ...repeats.placed]) {
      const account = accounts.get(p.row.accountId);
      const key = `${p.row.variantId} ${p.at.getTime()}`;
      if (!account || seen.has(key)) continue;
      seen.add(key);
      entries.push({
        postId: p.row.postId,
        variantId: p.row.variantId,
        accountId: p.row.accountId,
        network: account.network,
        at: p.at.toISOString(),
        state: p.state,
        postType: p.row.postType,
        title: p.row.title,
        mediaId: p.row.mediaId,
        repeat: p.repeat,
      });
    }
    // ISO instants of one format sort as text; a plain comparison is far cheaper than localeCompare.
    entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return {
      timeZone: workspace.timeZone,
      entries,
      // An account's day counts all its posts: a content filter shows only some, so its warnings would be wrong.
      quotaWarnings: scope.wholeDays ? this.quotaWarnings(entries, accounts, workspace.timeZone, filters) : [],
      more: repeats.more,
    };
  }

  /** Past and running attempts whose occurrence falls in the range. */
  private async attempted(
    em: EntityManager,
    workspaceId: string,
    f: CalendarFilters,
    scope: CalendarScope,
  ): Promise<Placed[]> {
    const statuses = scope.attemptStatuses(ATTEMPTED);
    if (!statuses.length) return [];
    const qb = this.variantRows(
      em.createQueryBuilder(PublishJob, 'j').innerJoin(PostVariant, 'v', 'v.id = j.variantId'),
    )
      .addSelect('j.status', 'status')
      .addSelect('j.occurrenceAt', 'occurrenceAt')
      .addSelect('j.publishedAt', 'publishedAt')
      .where('j.workspaceId = :workspaceId', { workspaceId })
      .andWhere('j.occurrenceAt >= :from AND j.occurrenceAt < :to', { from: f.from, to: f.to })
      .andWhere('j.status IN (:...attempted)', { attempted: statuses });
    scope.narrow(qb);
    const rows = await qb.getRawMany<RawVariantRow & { status: string; occurrenceAt: unknown; publishedAt: unknown }>();
    return rows.map((r) => ({
      row: this.variantRow(r),
      at: this.date(PublishJob, 'publishedAt', r.publishedAt) ?? this.date(PublishJob, 'occurrenceAt', r.occurrenceAt)!,
      state: r.status === 'sending' ? 'publishing' : r.status,
      repeat: false,
    }));
  }

  /** Variants whose next time falls in the range. */
  private async due(em: EntityManager, workspaceId: string, f: CalendarFilters, scope: CalendarScope) {
    const upcoming = scope.variantStates(UPCOMING);
    if (!upcoming.length) return [];
    const qb = this.variantRows(em.createQueryBuilder(PostVariant, 'v'))
      .addSelect('v.state', 'state')
      .addSelect('v.scheduledAt', 'scheduledAt')
      .where('v.workspaceId = :workspaceId', { workspaceId })
      .andWhere('v.state IN (:...upcoming)', { upcoming })
      .andWhere('v.scheduledAt >= :from AND v.scheduledAt < :to', { from: f.from, to: f.to });
    scope.narrow(qb);
    const rows = await qb.getRawMany<RawVariantRow & { state: string; scheduledAt: unknown }>();
    return rows.map((r): Placed => ({
      row: this.variantRow(r),
      at: this.date(PostVariant, 'scheduledAt', r.scheduledAt)!,
      state: r.state,
      repeat: false,
    }));
  }

  /**
   * Later occurrences, in the range, of the workspace's repeating schedules only: their variants'
   * next time is before the range's end, and each rule is expanded from there. Two reads, each
   * driven by its own index: joined in one query, a planner without statistics (SQLite) starts from
   * every tenant's variants due before the range's end instead of this workspace's few schedules.
   */
  private async repeats(em: EntityManager, workspaceId: string, f: CalendarFilters, scope: CalendarScope) {
    // Every repeat is a `scheduled` occurrence.
    if (!scope.variantStates(['scheduled']).length) return { placed: [], more: 0 };
    const schedules = await em.find(Schedule, {
      select: {
        postId: true,
        type: true,
        timeZone: true,
        startAt: true,
        rrule: true,
        evergreen: true,
        occurrences: true,
      },
      where: { workspaceId, type: In(REPEATING) },
    });
    const byPost = new Map(schedules.map((s) => [s.postId, s]));
    const placed: Placed[] = [];
    let more = 0;
    for (const postIds of inLists([...byPost.keys()])) {
      const qb = this.variantRows(em.createQueryBuilder(PostVariant, 'v'))
        .addSelect('v.scheduledAt', 'scheduledAt')
        .where('v.postId IN (:...postIds)', { postIds })
        .andWhere('v.state IN (:...upcoming)', { upcoming: UPCOMING })
        .andWhere('v.scheduledAt < :to', { to: f.to });
      scope.narrow(qb);
      for (const r of await qb.getRawMany<RawVariantRow & { scheduledAt: unknown }>()) {
        const next = this.date(PostVariant, 'scheduledAt', r.scheduledAt)!;
        const times = occurrencesIn(byPost.get(r.postId)!, next, f.from, f.to);
        const row = this.variantRow(r);
        for (const at of times.slice(0, MAX_REPEATS_PER_VARIANT))
          placed.push({ row, at, state: 'scheduled', repeat: true });
        more += Math.max(0, times.length - MAX_REPEATS_PER_VARIANT);
      }
    }
    return { placed, more };
  }

  /** Selects what every entry shows: the variant (alias `v`) and its post's title, or the start of its text. */
  private variantRows<E extends object>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
    return (
      qb
        .innerJoin(Post, 'p', 'p.id = v.postId')
        .select('v.id', 'variantId')
        .addSelect('v.postId', 'postId')
        .addSelect('v.accountId', 'accountId')
        .addSelect('v.postType', 'postType')
        .addSelect('p.title', 'title')
        .addSelect('v.mediaIds', 'mediaIds')
        // Only the start of the text travels: a title is 80 characters.
        .addSelect('SUBSTRING(COALESCE(v.text, p.text), 1, 80)', 'text')
    );
  }

  private variantRow(r: RawVariantRow): VariantRow {
    return {
      variantId: r.variantId,
      postId: r.postId,
      accountId: r.accountId,
      postType: r.postType,
      title: r.title ?? r.text.slice(0, 80),
      mediaId: (this.hydrated(PostVariant, 'mediaIds', r.mediaIds) as string[] | null)?.[0] ?? null,
    };
  }

  /** A raw row's date as the entity's column reads it (SQLite hands back text, PostgreSQL a Date). */
  private date(entity: EntityTarget<ObjectLiteral>, property: string, value: unknown): Date | null {
    return this.hydrated(entity, property, value) as Date | null;
  }

  /** A raw row's value as the entity's column reads it. */
  private hydrated(entity: EntityTarget<ObjectLiteral>, property: string, value: unknown): unknown {
    const column = this.dataSource.getMetadata(entity).findColumnWithPropertyName(property)!;
    return value === null || value === undefined ? null : this.dataSource.driver.prepareHydratedValue(value, column);
  }

  /** Days where an account's posts come near (≥ 80 %) or over its network's daily quota. */
  private quotaWarnings(
    entries: CalendarEntry[],
    accounts: Map<string, SocialAccount>,
    zone: string,
    range: CalendarFilters,
  ): QuotaWarning[] {
    const dayOf = dayOfInstant(range.from, range.to, zone);
    const counts = new Map<string, { date: string; accountId: string; count: number; postType: PostType }>();
    for (const e of entries) {
      const date = dayOf(Date.parse(e.at));
      const key = `${e.accountId} ${date}`;
      const current = counts.get(key) ?? { date, accountId: e.accountId, count: 0, postType: e.postType };
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

interface RawVariantRow {
  variantId: string;
  postId: string;
  accountId: string;
  postType: PostType;
  title: string | null;
  text: string;
  mediaIds: unknown;
}

/** A repeating schedule's occurrences after `next` (the variant's next time, itself listed as due) within [from, to). */
export function occurrencesIn(schedule: Schedule, next: Date, from: Date, to: Date): Date[] {
  if (schedule.type === 'recurring' && schedule.rrule) {
    // Straight to the range: a rule is not walked occurrence by occurrence from today to a month next year.
    const after = new Date(Math.max(next.getTime(), from.getTime() - 1));
    return recurringOccurrences(schedule.rrule, schedule.startAt ?? next, schedule.timeZone, after, Infinity, to);
  }
  if (schedule.type === 'evergreen' && schedule.evergreen) {
    const out: Date[] = [];
    let at: Date | null = next;
    for (let n = 0; at && at < to && n < MAX_EVERGREEN_STEPS; n++) {
      at = nextEvergreen(schedule.evergreen, at, schedule.occurrences + n + 1, schedule.timeZone);
      if (at && at >= from && at < to) out.push(at);
    }
    return out;
  }
  return [];
}
