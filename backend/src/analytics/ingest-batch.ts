import type { PostMetrics } from '../connectors/connector';
import type { NetworkId } from '../connectors/network-limits';
import type { PostMetricsEvent } from '../common/domain-events';
import { newId } from '../common/ids';
import { inLists } from '../database/in-lists';
import { insertRows } from '../database/insert-rows';
import { AnalyticsPostDay } from './analytics-post-day.entity';
import { AnalyticsSql, dateOf, numOrNull } from './analytics-sql';
import { localDay } from './local-time';
import { COUNTED_NAMES } from './metric-columns';
import { PostMetricSnapshot } from './post-metric-snapshot.entity';
import { type Counts, type DayPoint, PostDays } from './rollup-math';
import { RollupWriter } from './rollup-writer';
import { announcedMetrics, countsOf, type ReadCounts } from './snapshot-counts';

/** A post's metrics as read at one moment. */
export interface SnapshotInput {
  analyticsPostId: string;
  takenAt: Date;
  metrics: PostMetrics;
}

export interface BatchOutcome {
  /** Snapshots stored (repeats of a stored one are not stored again). */
  stored: number;
  /** Snapshots of posts that are not tracked: dropped. */
  unknown: number;
  /** `post.metrics` events to announce once the batch has committed. */
  events: PostMetricsEvent[];
}

/** A tracked post as ingestion needs it, kept current through the batch. */
interface Tracked {
  id: string;
  workspaceId: string;
  accountId: string;
  network: NetworkId;
  postId: string | null;
  variantId: string | null;
  weekday: number;
  hour: number;
  zone: string;
  tags: string[];
  days: PostDays;
  metricsTakenAt: Date | null;
  engagement: number | null;
  basis: number | null;
  /** The latest metrics changed: the row is written back. */
  latest: { takenAt: Date; read: ReadCounts; reactionsByType: Record<string, number> | null } | null;
}

/**
 * One batch of snapshots in one transaction: each table read once for the whole batch, the rollup
 * rule applied in memory (rollup-math), then bulk inserts and one update per row touched.
 */
export class IngestBatch {
  private readonly sql: AnalyticsSql;
  private readonly rollups = new RollupWriter();

  constructor(em: AnalyticsSql['em']) {
    this.sql = new AnalyticsSql(em);
  }

  async run(input: SnapshotInput[]): Promise<BatchOutcome> {
    const posts = await this.readPosts([...new Set(input.map((s) => s.analyticsPostId))]);
    const snapshots = input
      .filter((s) => posts.has(s.analyticsPostId))
      .sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
    const located = snapshots.map((s) => {
      const post = posts.get(s.analyticsPostId)!;
      return { snapshot: s, post, day: localDay(s.takenAt, post.zone) };
    });
    await this.readDays(
      posts,
      located.reduce((min, l) => (l.day < min ? l.day : min), '9999-12-31'),
    );

    const stored: Array<Partial<PostMetricSnapshot>> = [];
    const events: PostMetricsEvent[] = [];
    for (const { snapshot, post, day } of located) {
      if (post.days.holds(day, snapshot.takenAt)) continue;
      const read = countsOf(post.network, snapshot.metrics);
      stored.push(snapshotRow(post, snapshot, read));
      this.rollUp(post, day, snapshot.takenAt, read.counts);
      if (this.becameLatest(post, snapshot, read) && post.variantId && post.postId) {
        events.push({
          workspaceId: post.workspaceId,
          postId: post.postId,
          variantId: post.variantId,
          accountId: post.accountId,
          metrics: announcedMetrics(read),
        });
      }
    }
    await insertRows(this.sql.em, PostMetricSnapshot, stored);
    await this.writeDays(posts);
    await this.rollups.flush(this.sql);
    await this.writeLatest(posts);
    return { stored: stored.length, unknown: input.length - snapshots.length, events };
  }

  /** The day gains of one snapshot, to the account's day and each of the post's hashtags' days. */
  private rollUp(post: Tracked, day: string, takenAt: Date, counts: Counts): void {
    for (const gain of post.days.apply(day, takenAt, counts) ?? []) {
      this.rollups.addAccountDay(post, gain.day, gain.delta);
      for (const tag of post.tags) this.rollups.addHashtagDay(post.workspaceId, tag, gain.day, gain.delta);
    }
  }

  /** Makes the snapshot the post's latest when it is newer, moving the best-time cell by the change. */
  private becameLatest(post: Tracked, snapshot: SnapshotInput, read: ReadCounts): boolean {
    if (post.metricsTakenAt && post.metricsTakenAt.getTime() >= snapshot.takenAt.getTime()) return false;
    const basis = read.derived.rateBasis ? read.counts[read.derived.rateBasis] : null;
    this.rollups.addCell(post, post.weekday, post.hour, {
      posts: post.metricsTakenAt ? 0 : 1,
      engagementSum: (read.counts.engagement ?? 0) - (post.engagement ?? 0),
      basisSum: (basis ?? 0) - (post.basis ?? 0),
    });
    post.metricsTakenAt = snapshot.takenAt;
    post.engagement = read.counts.engagement;
    post.basis = basis;
    post.latest = { takenAt: snapshot.takenAt, read, reactionsByType: snapshot.metrics.reactionsByType ?? null };
    return true;
  }

  private async readPosts(ids: string[]): Promise<Map<string, Tracked>> {
    const { q } = this.bound();
    const posts = new Map<string, Tracked>();
    const zones = new Map<string, string>();
    for (const list of inLists(ids)) {
      const rows = await this.sql.select(
        `SELECT p.${q('id')}, p.${q('workspaceId')}, p.${q('accountId')}, p.${q('network')}, p.${q('postId')}, p.${q('variantId')},
           p.${q('publishedWeekday')}, p.${q('publishedHour')}, p.${q('metricsTakenAt')}, p.${q('engagement')},
           p.${q('reach')}, p.${q('impressions')}, p.${q('rateBasis')}, w.${q('timeZone')}
         FROM ${q('analytics_posts')} p JOIN ${q('workspaces')} w ON w.${q('id')} = p.${q('workspaceId')}
         WHERE p.${q('id')} IN (:...list)`,
        { list },
      );
      for (const row of rows) {
        const rateBasis = row.rateBasis as 'reach' | 'impressions' | null;
        zones.set(String(row.workspaceId), String(row.timeZone));
        posts.set(String(row.id), {
          id: String(row.id),
          workspaceId: String(row.workspaceId),
          accountId: String(row.accountId),
          network: row.network as NetworkId,
          postId: (row.postId as string | null) ?? null,
          variantId: (row.variantId as string | null) ?? null,
          weekday: Number(row.publishedWeekday),
          hour: Number(row.publishedHour),
          zone: String(row.timeZone),
          tags: [],
          days: new PostDays([]),
          metricsTakenAt: row.metricsTakenAt === null ? null : dateOf(row.metricsTakenAt),
          engagement: numOrNull(row.engagement),
          basis: rateBasis ? numOrNull(row[rateBasis]) : null,
          latest: null,
        });
      }
      const tags = await this.sql.select<{ analyticsPostId: string; tag: string }>(
        `SELECT ${q('analyticsPostId')}, ${q('tag')} FROM ${q('analytics_post_hashtags')} WHERE ${q('analyticsPostId')} IN (:...list)`,
        { list },
      );
      for (const row of tags) posts.get(row.analyticsPostId)?.tags.push(row.tag);
    }
    return posts;
  }

  /**
   * The day rows the batch can touch: every row from the batch's first day on, and per post the
   * newest row before it (the base of a snapshot on a day it has no row for yet).
   */
  private async readDays(posts: Map<string, Tracked>, fromDay: string): Promise<void> {
    const { q } = this.bound();
    const table = q('analytics_post_days');
    for (const list of inLists([...posts.keys()])) {
      // Two index ranges, not one OR (which would scan each post's every day row).
      const id = q('analyticsPostId');
      const day = q('day');
      const rows = await this.sql.select(
        `SELECT d.* FROM ${table} d WHERE d.${id} IN (:...list) AND d.${day} >= :fromDay
         UNION ALL
         SELECT d.* FROM ${table} d JOIN (SELECT ${id}, MAX(${day}) AS ${q('base')} FROM ${table}
           WHERE ${id} IN (:...list) AND ${day} < :fromDay GROUP BY ${id}) b ON b.${id} = d.${id} AND b.${q('base')} = d.${day}`,
        { list, fromDay },
      );
      rows.sort((a, b) => (a.day === b.day ? 0 : String(a.day) < String(b.day) ? -1 : 1));
      for (const row of rows) {
        const counts = {} as Counts;
        for (const name of COUNTED_NAMES) counts[name] = numOrNull(row[name]);
        const point: DayPoint = { day: String(row.day), takenAt: dateOf(row.takenAt), counts, state: 'stored' };
        posts.get(String(row.analyticsPostId))?.days.points.push(point);
      }
    }
  }

  private async writeDays(posts: Map<string, Tracked>): Promise<void> {
    const inserted: Array<Partial<AnalyticsPostDay>> = [];
    const changed: Array<{ post: Tracked; point: DayPoint }> = [];
    for (const post of posts.values()) {
      for (const point of post.days.points) {
        if (point.state === 'new') {
          inserted.push({
            analyticsPostId: post.id,
            day: point.day,
            workspaceId: post.workspaceId,
            accountId: post.accountId,
            takenAt: point.takenAt,
            ...point.counts,
          });
        } else if (point.state === 'changed') changed.push({ post, point });
      }
    }
    await insertRows(this.sql.em, AnalyticsPostDay, inserted);
    if (!changed.length) return;
    const { q, p } = this.bound();
    const statement = this.sql.statement('post-day=', () => {
      const sets = ['takenAt', ...COUNTED_NAMES].map((c, i) => `${q(c)} = ${p(i)}`);
      const n = COUNTED_NAMES.length + 1;
      return `UPDATE ${q('analytics_post_days')} SET ${sets.join(', ')} WHERE ${q('analyticsPostId')} = ${p(n)} AND ${q('day')} = ${p(n + 1)}`;
    });
    for (const { post, point } of changed) {
      await this.sql.run(statement, [point.takenAt, ...COUNTED_NAMES.map((c) => point.counts[c]), post.id, point.day]);
    }
  }

  /** The posts' latest metrics, unless another collection has meanwhile written newer ones. */
  private async writeLatest(posts: Map<string, Tracked>): Promise<void> {
    const { q, p } = this.bound();
    const columns = [...COUNTED_NAMES, 'reactionsByType', 'engagementRate', 'ctr', 'rateBasis', 'metricsTakenAt'];
    const statement = this.sql.statement('post-latest=', () => {
      const sets = columns.map((c, i) => `${q(c)} = ${p(i)}`);
      const n = columns.length;
      return `UPDATE ${q('analytics_posts')} SET ${sets.join(', ')} WHERE ${q('id')} = ${p(n)} AND (${q('metricsTakenAt')} IS NULL OR ${q('metricsTakenAt')} < ${p(n + 1)})`;
    });
    for (const post of posts.values()) {
      if (!post.latest) continue;
      const { takenAt, read, reactionsByType } = post.latest;
      await this.sql.run(statement, [
        ...COUNTED_NAMES.map((c) => read.counts[c]),
        reactionsByType ? JSON.stringify(reactionsByType) : null,
        read.derived.engagementRate,
        read.derived.ctr,
        read.derived.rateBasis,
        takenAt,
        post.id,
        takenAt,
      ]);
    }
  }

  private bound() {
    return { q: (name: string) => this.sql.q(name), p: (index: number) => this.sql.p(index) };
  }
}

function snapshotRow(post: Tracked, snapshot: SnapshotInput, read: ReadCounts): Partial<PostMetricSnapshot> {
  return {
    id: newId(),
    analyticsPostId: post.id,
    workspaceId: post.workspaceId,
    takenAt: snapshot.takenAt,
    ...read.counts,
    reactionsByType: snapshot.metrics.reactionsByType ?? null,
  };
}
