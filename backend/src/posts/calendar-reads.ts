import { DataSource, EntityManager, EntityTarget, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PostType } from '../connectors/network-limits';
import { inLists } from '../database/in-lists';
import { PublishJob, PublishJobStatus } from '../publishing/publish-job.entity';
import { nextEvergreen, recurringOccurrences } from '../scheduling/occurrences';
import { Schedule, ScheduleType } from '../scheduling/schedule.entity';
import type { CalendarScope } from './calendar-scope';
import { PostVariant, VariantState } from './post-variant.entity';
import { Post } from './post.entity';

/** What places and counts an entry: enough to sort a month into days without reading any text. */
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

export interface Placed<R extends VariantKey = VariantKey> {
  row: R;
  /** When it went out, or goes out. */
  at: Date;
  /** The time it was planned for, which the range is read by: an attempt's occurrence (published later after retries). */
  plannedAt: Date;
  state: string;
  repeat: boolean;
}

export interface Range {
  from: Date;
  to: Date;
}

/** An hourly rule over the longest range (62 days); one firing more often is shown in part, `more` saying how much. */
export const MAX_REPEATS_PER_VARIANT = 1_500;
const UPCOMING: VariantState[] = ['scheduled', 'publishing'];
const REPEATING: ScheduleType[] = ['recurring', 'evergreen'];
const ATTEMPTED: PublishJobStatus[] = ['published', 'failed', 'needs_review', 'sending'];
/** Bounds an evergreen walk the way rrule's own iteration is bounded in `recurringOccurrences`. */
const MAX_EVERGREEN_STEPS = 100_000;

/**
 * The calendar's three indexed reads of a range (attempts, due variants, repeats), each either
 * `detailed` (every entry's title and media) or keys only. Keys only, the due variants are read from
 * `ix_post_variants_calendar` alone (it holds every key column), so a month of 8,000 entries is
 * counted without touching the variants' or the posts' rows; `details` then reads the few shown.
 */
export class CalendarReads {
  constructor(
    private readonly dataSource: DataSource,
    private readonly em: EntityManager,
    private readonly workspaceId: string,
    private readonly scope: CalendarScope,
    private readonly detailed: boolean,
  ) {}

  /** Past and running attempts whose occurrence falls in the range. */
  async attempted(range: Range): Promise<Placed[]> {
    const statuses = this.scope.attemptStatuses(ATTEMPTED);
    if (!statuses.length) return [];
    const qb = this.selectVariant(
      this.em.createQueryBuilder(PublishJob, 'j').innerJoin(PostVariant, 'v', 'v.id = j.variantId'),
    )
      .addSelect('j.status', 'status')
      .addSelect('j.occurrenceAt', 'occurrenceAt')
      .addSelect('j.publishedAt', 'publishedAt')
      .where('j.workspaceId = :workspaceId', { workspaceId: this.workspaceId })
      .andWhere('j.occurrenceAt >= :from AND j.occurrenceAt < :to', range)
      .andWhere('j.status IN (:...attempted)', { attempted: statuses });
    this.scope.narrow(qb);
    const rows = await qb.getRawMany<RawVariantRow & { status: string; occurrenceAt: unknown; publishedAt: unknown }>();
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

  /** Variants whose next time falls in the range. */
  async due(range: Range): Promise<Placed[]> {
    const upcoming = this.scope.variantStates(UPCOMING);
    if (!upcoming.length) return [];
    const qb = this.selectVariant(this.em.createQueryBuilder(PostVariant, 'v'))
      .addSelect('v.state', 'state')
      .addSelect('v.scheduledAt', 'scheduledAt')
      .where('v.workspaceId = :workspaceId', { workspaceId: this.workspaceId })
      .andWhere('v.state IN (:...upcoming)', { upcoming })
      .andWhere('v.scheduledAt >= :from AND v.scheduledAt < :to', range);
    this.scope.narrow(qb);
    const rows = await qb.getRawMany<RawVariantRow & { state: string; scheduledAt: unknown }>();
    return rows.map((r): Placed => {
      const at = this.date(PostVariant, 'scheduledAt', r.scheduledAt)!;
      return { row: this.variantRow(r), at, plannedAt: at, state: r.state, repeat: false };
    });
  }

  /**
   * Later occurrences, in the range, of the workspace's repeating schedules only: their variants'
   * next time is before the range's end, and each rule is expanded from there. Two reads, each
   * driven by its own index: joined in one query, a planner without statistics (SQLite) starts from
   * every tenant's variants due before the range's end instead of this workspace's few schedules.
   */
  async repeats(range: Range): Promise<{ placed: Placed[]; more: number }> {
    // Every repeat is a `scheduled` occurrence.
    if (!this.scope.variantStates(['scheduled']).length) return { placed: [], more: 0 };
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
      const qb = this.selectVariant(this.em.createQueryBuilder(PostVariant, 'v'))
        .addSelect('v.scheduledAt', 'scheduledAt')
        .where('v.postId IN (:...postIds)', { postIds })
        .andWhere('v.state IN (:...upcoming)', { upcoming: UPCOMING })
        .andWhere('v.scheduledAt < :to', range);
      this.scope.narrow(qb);
      for (const r of await qb.getRawMany<RawVariantRow & { scheduledAt: unknown }>()) {
        const next = this.date(PostVariant, 'scheduledAt', r.scheduledAt)!;
        const times = occurrencesIn(byPost.get(r.postId)!, next, range.from, range.to);
        const row = this.variantRow(r);
        for (const at of times.slice(0, MAX_REPEATS_PER_VARIANT))
          placed.push({ row, at, plannedAt: at, state: 'scheduled', repeat: true });
        more += Math.max(0, times.length - MAX_REPEATS_PER_VARIANT);
      }
    }
    return { placed, more };
  }

  /** What the given variants show (the few entries a summary lists), by variant id. */
  async details(variantIds: string[]): Promise<Map<string, VariantDetails>> {
    const out = new Map<string, VariantDetails>();
    for (const ids of inLists([...new Set(variantIds)])) {
      const rows = await this.addDetails(this.em.createQueryBuilder(PostVariant, 'v').select('v.id', 'variantId'))
        .where('v.id IN (:...ids)', { ids })
        .getRawMany<RawVariantRow>();
      for (const r of rows) out.set(r.variantId, this.variantDetails(r));
    }
    return out;
  }

  /** Selects every entry's key (variant alias `v`) and, when detailed, what it shows. */
  private selectVariant<E extends object>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
    qb.select('v.id', 'variantId')
      .addSelect('v.postId', 'postId')
      .addSelect('v.accountId', 'accountId')
      .addSelect('v.postType', 'postType');
    if (this.detailed) return this.addDetails(qb);
    // The post (alias `p`) only where a filter reads it: the author's.
    return this.scope.readsPost ? qb.innerJoin(Post, 'p', 'p.id = v.postId') : qb;
  }

  /** Adds the post's title or the start of its text, and the variant's media (variant alias `v`). */
  private addDetails<E extends object>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
    return (
      qb
        .innerJoin(Post, 'p', 'p.id = v.postId')
        .addSelect('p.title', 'title')
        .addSelect('v.mediaIds', 'mediaIds')
        // Only the start of the text travels: a title is 80 characters.
        .addSelect('SUBSTRING(COALESCE(v.text, p.text), 1, 80)', 'text')
    );
  }

  private variantRow(r: RawVariantRow): VariantKey | (VariantKey & VariantDetails) {
    const key: VariantKey = { variantId: r.variantId, postId: r.postId, accountId: r.accountId, postType: r.postType };
    return this.detailed ? { ...key, ...this.variantDetails(r) } : key;
  }

  private variantDetails(r: RawVariantRow): VariantDetails {
    return {
      title: r.title ?? r.text!.slice(0, 80),
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
  title?: string | null;
  text?: string;
  mediaIds?: unknown;
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
