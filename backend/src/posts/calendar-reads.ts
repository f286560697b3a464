import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostType } from '../connectors/network-limits';
import { inLists } from '../database/in-lists';
import { PublishJob, PublishJobStatus } from '../publishing/publish-job.entity';
import { nextEvergreen, recurringOccurrences } from '../scheduling/occurrences';
import { Schedule, ScheduleType } from '../scheduling/schedule.entity';
import type { CalendarScope } from './calendar-scope';
import { PostVariant, VariantState } from './post-variant.entity';
import { Post } from './post.entity';

/** What identifies an entry's variant. */
export interface VariantKey {
  variantId: string;
  postId: string;
  accountId: string;
  postType: PostType;
}

/** What an entry shows besides its key. */
export interface VariantDetails {
  title: string;
  /** The variant's first media item (its thumbnail is shown on the entry). */
  mediaId: string | null;
}

export interface Placed<R extends VariantKey = VariantKey & VariantDetails> {
  row: R;
  /** When it went out, or goes out. */
  at: Date;
  /** The time it was planned for, which the range is read by: an attempt's occurrence (published later after retries). */
  plannedAt: Date;
  state: string;
  repeat: boolean;
  /** A repeat's rule, for the words the calendar shows ("Every Monday at 08:00"). */
  rule?: RepeatRule;
}

/** What a repeating schedule says, in the terms the web app puts into words. */
export interface RepeatRule {
  type: 'recurring' | 'evergreen';
  rrule: string | null;
  intervalDays: number | null;
}

export interface Range {
  from: Date;
  to: Date;
  /** Names a range's parameters apart from another's in one statement (the by-day reads). */
  key?: string;
}

/** An hourly rule over the longest range (62 days); one firing more often is shown in part, `more` saying how much. */
export const MAX_REPEATS_PER_VARIANT = 1_500;
export const UPCOMING: VariantState[] = ['scheduled', 'publishing'];
const REPEATING: ScheduleType[] = ['recurring', 'evergreen'];
export const ATTEMPTED: PublishJobStatus[] = ['published', 'failed', 'needs_review', 'sending'];
/** Bounds an evergreen walk the way rrule's own iteration is bounded in `recurringOccurrences`. */
const MAX_EVERGREEN_STEPS = 100_000;

/**
 * The calendar's three indexed reads of a range (attempts, due variants, repeats). Each read's
 * rows are chosen by `attemptsIn` / `dueIn` (conditions only), so the by-day reads count the same
 * rows in the database or take each day's first few.
 */
export class CalendarReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly em: EntityManager,
    private readonly workspaceId: string,
    private readonly scope: CalendarScope,
  ) {}

  /** Past and running attempts whose occurrence falls in the range. */
  async attempted(range: Range, statuses = ATTEMPTED): Promise<Placed[]> {
    const qb = this.attemptsIn(range, statuses, true);
    return qb ? this.attemptsPlaced(await this.withEntry(qb).getRawMany()) : [];
  }

  /** Variants whose next time falls in the range. */
  async due(range: Range, states = UPCOMING): Promise<Placed[]> {
    const qb = this.dueIn(range, states, true);
    return qb ? this.duePlaced(await this.withEntry(qb).getRawMany()) : [];
  }

  /** The attempts (alias `j`, variant `v`) of the range with these statuses, of those the filters allow; null if none can be. */
  attemptsIn(range: Range, statuses: PublishJobStatus[], joinPost: boolean): SelectQueryBuilder<PublishJob> | null {
    const allowed = this.scope.attemptStatuses(statuses);
    if (!allowed.length) return null;
    const qb = this.em
      .createQueryBuilder(PublishJob, 'j')
      .innerJoin(PostVariant, 'v', 'v.id = j.variantId')
      .where('j.workspaceId = :workspaceId', { workspaceId: this.workspaceId })
      .andWhere(`j.occurrenceAt >= :from${range.key ?? ''} AND j.occurrenceAt < :to${range.key ?? ''}`, {
        [`from${range.key ?? ''}`]: range.from,
        [`to${range.key ?? ''}`]: range.to,
      })
      .andWhere('j.status IN (:...attempted)', { attempted: allowed });
    return this.scope.narrow(this.joinPost(qb, joinPost));
  }

  /** The variants (alias `v`) due in the range in these states, of those the filters allow; null if none can be. */
  dueIn(range: Range, states: VariantState[], joinPost: boolean): SelectQueryBuilder<PostVariant> | null {
    const allowed = this.scope.variantStates(states);
    if (!allowed.length) return null;
    const qb = this.em
      .createQueryBuilder(PostVariant, 'v')
      .where('v.workspaceId = :workspaceId', { workspaceId: this.workspaceId })
      .andWhere('v.state IN (:...upcoming)', { upcoming: allowed })
      .andWhere(`v.scheduledAt >= :from${range.key ?? ''} AND v.scheduledAt < :to${range.key ?? ''}`, {
        [`from${range.key ?? ''}`]: range.from,
        [`to${range.key ?? ''}`]: range.to,
      });
    return this.scope.narrow(this.joinPost(qb, joinPost));
  }

  /**
   * Later occurrences, in the range, of the workspace's repeating schedules only: their variants'
   * next time is before the range's end, and each rule is expanded from there. Two reads, each
   * driven by its own index: joined in one query, a planner without statistics (SQLite) starts from
   * every tenant's variants due before the range's end instead of this workspace's few schedules.
   */
  async repeats(range: Range): Promise<{ placed: Placed[]; more: number; rules: Map<string, RepeatRule> }> {
    // Every repeat is a `scheduled` occurrence.
    if (!this.scope.variantStates(['scheduled']).length) return { placed: [], more: 0, rules: new Map() };
    const schedules = await this.em.find(Schedule, {
      select: {
        postId: true,
        type: true,
        timeZone: true,
        startAt: true,
        rrule: true,
        evergreen: true,
        occurrences: true,
      },
      where: { workspaceId: this.workspaceId, type: In(REPEATING) },
    });
    const byPost = new Map(schedules.map((s) => [s.postId, s]));
    const placed: Placed[] = [];
    let more = 0;
    for (const postIds of inLists([...byPost.keys()])) {
      const qb = this.withEntry(this.joinPost(this.em.createQueryBuilder(PostVariant, 'v'), true))
        .addSelect('v.scheduledAt', 'scheduledAt')
        .where('v.postId IN (:...postIds)', { postIds })
        .andWhere('v.state IN (:...upcoming)', { upcoming: UPCOMING })
        .andWhere('v.scheduledAt < :to', range);
      this.scope.narrow(qb);
      for (const r of await qb.getRawMany<RawVariantRow & { scheduledAt: unknown }>()) {
        const next = this.date(PostVariant, 'scheduledAt', r.scheduledAt)!;
        const times = occurrencesIn(byPost.get(r.postId)!, next, range.from, range.to);
        const row = this.variantRow(r);
        const rule = ruleOf(byPost.get(r.postId)!);
        for (const at of times.slice(0, MAX_REPEATS_PER_VARIANT))
          placed.push({ row, at, plannedAt: at, state: 'scheduled', repeat: true, rule });
        more += Math.max(0, times.length - MAX_REPEATS_PER_VARIANT);
      }
    }
    // By post, so a repeating post's next time (read as due) carries its rule's words too.
    const rules = new Map([...byPost].map(([postId, schedule]) => [postId, ruleOf(schedule)]));
    return { placed, more, rules };
  }

  /** Selects an entry: the attempt's or variant's time and state, the variant (alias `v`) and its post's title or text. */
  withEntry<E extends object>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
    const attempts = qb.expressionMap.mainAlias?.name === 'j';
    if (attempts)
      qb.select('j.status', 'status')
        .addSelect('j.occurrenceAt', 'occurrenceAt')
        .addSelect('j.publishedAt', 'publishedAt');
    else qb.select('v.state', 'state').addSelect('v.scheduledAt', 'scheduledAt');
    return (
      qb
        .addSelect('v.id', 'variantId')
        .addSelect('v.postId', 'postId')
        .addSelect('v.accountId', 'accountId')
        .addSelect('v.postType', 'postType')
        .addSelect('p.title', 'title')
        .addSelect('v.mediaIds', 'mediaIds')
        // Only the start of the text travels: a title is 80 characters.
        .addSelect('SUBSTRING(COALESCE(v.text, p.text), 1, 80)', 'text')
    );
  }

  /** Entries from rows of attempts selected by `withEntry`. */
  attemptsPlaced(
    rows: Array<RawVariantRow & { status: string; occurrenceAt: unknown; publishedAt: unknown }>,
  ): Placed[] {
    return rows.map((r) => {
      const plannedAt = this.date(PublishJob, 'occurrenceAt', r.occurrenceAt)!;
      return {
        row: this.variantRow(r),
        at: this.date(PublishJob, 'publishedAt', r.publishedAt) ?? plannedAt,
        plannedAt,
        state: r.status === 'sending' ? 'publishing' : r.status,
        repeat: false,
      };
    });
  }

  /** Entries from rows of variants selected by `withEntry`. */
  duePlaced(rows: Array<RawVariantRow & { state: string; scheduledAt: unknown }>): Placed[] {
    return rows.map((r) => {
      const at = this.date(PostVariant, 'scheduledAt', r.scheduledAt)!;
      return { row: this.variantRow(r), at, plannedAt: at, state: r.state, repeat: false };
    });
  }

  /** The post (alias `p`) where the entry's title is read or a filter reads it (the author's). */
  private joinPost<E extends object>(qb: SelectQueryBuilder<E>, entries: boolean): SelectQueryBuilder<E> {
    return entries || this.scope.readsPost ? qb.innerJoin(Post, 'p', 'p.id = v.postId') : qb;
  }

  private variantRow(r: RawVariantRow): VariantKey & VariantDetails {
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

/** What a repeating schedule says, as a repeat carries it. */
const ruleOf = (schedule: Schedule): RepeatRule => ({
  type: schedule.type as RepeatRule['type'],
  rrule: schedule.rrule,
  intervalDays: schedule.evergreen?.intervalDays ?? null,
});

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
