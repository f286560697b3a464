import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { POST_LIFECYCLE, type PostLifecycleEvent } from '../common/domain-events';
import { newId } from '../common/ids';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { inLists } from '../database/in-lists';
import { insertRows } from '../database/insert-rows';
import { inTransaction } from '../database/transactions';
import { hashtagsIn, tagKey } from '../hashtags/hashtag-text';
import { ensureAnalyticsAccounts } from './account-stats-writer';
import { AnalyticsPostHashtag } from './analytics-post-hashtag.entity';
import { AnalyticsPost } from './analytics-post.entity';
import { AnalyticsSql, dateOf } from './analytics-sql';
import { nextCollection } from './cadence';
import { localSlot } from './local-time';
import { RollupWriter } from './rollup-writer';

/** Characters of a post's text kept for tables and top-post lists. */
const TEXT_KEPT = 500;

/** A published post to track: ours (with its variant) or one the network listed (`external`). */
export interface TrackInput {
  workspaceId: string;
  accountId: string;
  network: NetworkId;
  externalId: string;
  postId: string | null;
  variantId: string | null;
  authorId: string | null;
  postType: PostType;
  mediaKind: 'image' | 'video' | null;
  text: string;
  url: string | null;
  publishedAt: Date;
}

export interface TrackOptions {
  /** Collection goes on from the first cadence read after this (default: now). */
  now?: Date;
  /** False: no collection (history whose snapshots the caller records itself). */
  collect?: boolean;
}

/**
 * Starts analytics for published posts: one analytics_posts row each, its hashtags, the
 * posts-published counts of its account and hashtag days (workspace-local day), and the first
 * cadence read. Ours get the variant's id (a recurring variant's later publications a new id),
 * external ones a new id; a post already tracked for its account is left as it is.
 */
@Injectable()
export class AnalyticsTracking {
  private readonly logger = new Logger(AnalyticsTracking.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnEvent(POST_LIFECYCLE, { async: true, promisify: true })
  async onPostLifecycle(e: PostLifecycleEvent): Promise<void> {
    if (e.event !== 'published' || !e.variantId) return;
    try {
      const post = await this.publishedVariant(e.workspaceId, e.variantId);
      if (post) await this.track(post);
    } catch (error) {
      // Publishing has happened whatever analytics makes of it.
      this.logger.warn(`tracking variant ${e.variantId}: ${(error as Error).message}`);
    }
  }

  /** Returns the analytics post id, or null when the post was already tracked. */
  async track(input: TrackInput, options: TrackOptions = {}): Promise<string | null> {
    return (await this.trackMany([input], options))[0] ?? null;
  }

  /** The bulk path (imports, demo history): one transaction, multi-row inserts. Returns the new ids. */
  trackMany(inputs: TrackInput[], options: TrackOptions = {}): Promise<string[]> {
    if (!inputs.length) return Promise.resolve([]);
    return inTransaction(this.dataSource, (em) => this.trackWithin(em, inputs, options));
  }

  /**
   * The bulk path inside the caller's transaction, for posts written in it (the demo history): the
   * posts and their tracking are written together or not at all.
   */
  async trackWithin(em: EntityManager, inputs: TrackInput[], options: TrackOptions = {}): Promise<string[]> {
    const sql = new AnalyticsSql(em);
    const now = options.now ?? new Date();
    const zones = await this.zones(sql, [...new Set(inputs.map((i) => i.workspaceId))]);
    const { taken, ids } = await this.known(sql, inputs);
    const rollups = new RollupWriter();
    const rows: Array<Partial<AnalyticsPost>> = [];
    const tags: Array<Partial<AnalyticsPostHashtag>> = [];
    for (const input of inputs) {
      const key = `${input.accountId}|${input.externalId}`;
      const zone = zones.get(input.workspaceId);
      if (taken.has(key) || !zone) continue;
      taken.add(key);
      const id = input.variantId && !ids.has(input.variantId) ? input.variantId : newId();
      ids.add(id);
      const slot = localSlot(input.publishedAt, zone);
      const next = options.collect === false ? null : nextCollection(input.publishedAt, now);
      rows.push({
        ...input,
        id,
        external: !input.variantId,
        text: input.text.slice(0, TEXT_KEPT),
        publishedDay: slot.day,
        publishedWeekday: slot.weekday,
        publishedHour: slot.hour,
        nextCollectAt: next?.at ?? null,
        collectStep: next?.step ?? 0,
      });
      rollups.addAccountDay(input, slot.day, null, 1);
      for (const tag of new Set(hashtagsIn(input.text).map(tagKey))) {
        tags.push({ analyticsPostId: id, tag, workspaceId: input.workspaceId });
        rollups.addHashtagDay(input.workspaceId, tag, slot.day, null, 1);
      }
    }
    await insertRows(em, AnalyticsPost, rows);
    await insertRows(em, AnalyticsPostHashtag, tags);
    await rollups.flush(sql);
    const accounts = new Map(
      rows.map((r) => [r.accountId!, { accountId: r.accountId!, workspaceId: r.workspaceId!, network: r.network! }]),
    );
    await ensureAnalyticsAccounts(sql, [...accounts.values()]);
    return rows.map((r) => r.id!);
  }

  private async zones(sql: AnalyticsSql, workspaceIds: string[]): Promise<Map<string, string>> {
    const rows = await sql.select<{ id: string; timeZone: string }>(
      `SELECT ${sql.q('id')}, ${sql.q('timeZone')} FROM ${sql.q('workspaces')} WHERE ${sql.q('id')} IN (:...workspaceIds)`,
      { workspaceIds },
    );
    return new Map(rows.map((r) => [r.id, r.timeZone]));
  }

  /** Posts already tracked (by account and network id) and ids already used (variants tracked before). */
  private async known(sql: AnalyticsSql, inputs: TrackInput[]) {
    const taken = new Set<string>();
    const ids = new Set<string>();
    const accounts = [...new Set(inputs.map((i) => i.accountId))];
    for (const externalIds of inLists([...new Set(inputs.map((i) => i.externalId))])) {
      const rows = await sql.select<{ accountId: string; externalId: string }>(
        `SELECT ${sql.q('accountId')}, ${sql.q('externalId')} FROM ${sql.q('analytics_posts')} WHERE ${sql.q('accountId')} IN (:...accounts) AND ${sql.q('externalId')} IN (:...externalIds)`,
        { accounts, externalIds },
      );
      for (const row of rows) taken.add(`${row.accountId}|${row.externalId}`);
    }
    const variantIds = inputs.flatMap((i) => (i.variantId ? [i.variantId] : []));
    for (const list of inLists(variantIds)) {
      const rows = await sql.select<{ id: string }>(
        `SELECT ${sql.q('id')} FROM ${sql.q('analytics_posts')} WHERE ${sql.q('id')} IN (:...list)`,
        { list },
      );
      for (const row of rows) ids.add(row.id);
    }
    return { taken, ids };
  }

  /** A variant that has just gone out, as analytics tracks it; null when it has no network id. */
  private async publishedVariant(workspaceId: string, variantId: string): Promise<TrackInput | null> {
    const sql = new AnalyticsSql(this.dataSource.manager);
    const q = (name: string) => sql.q(name);
    const [row] = await sql.select(
      `SELECT v.${q('id')}, v.${q('postId')}, v.${q('accountId')}, v.${q('text')} AS ${q('variantText')}, v.${q('postType')},
         v.${q('mediaIds')}, v.${q('publishedAt')}, v.${q('externalId')}, v.${q('externalUrl')},
         p.${q('text')} AS ${q('postText')}, p.${q('authorId')}, a.${q('network')}
       FROM ${q('post_variants')} v JOIN ${q('posts')} p ON p.${q('id')} = v.${q('postId')}
       JOIN ${q('social_accounts')} a ON a.${q('id')} = v.${q('accountId')}
       WHERE v.${q('id')} = :variantId AND v.${q('workspaceId')} = :workspaceId`,
      { variantId, workspaceId },
    );
    if (!row?.externalId) return null;
    const mediaIds = JSON.parse(String(row.mediaIds ?? '[]')) as string[];
    return {
      workspaceId,
      accountId: String(row.accountId),
      network: row.network as NetworkId,
      externalId: String(row.externalId),
      postId: String(row.postId),
      variantId,
      authorId: (row.authorId as string | null) ?? null,
      postType: row.postType as PostType,
      mediaKind: await this.mediaKind(sql, workspaceId, mediaIds),
      text: String(row.variantText ?? row.postText ?? ''),
      url: (row.externalUrl as string | null) ?? null,
      publishedAt: row.publishedAt ? dateOf(row.publishedAt) : new Date(),
    };
  }

  /** Video when any attached item is one, image when any is a picture, else none. */
  private async mediaKind(sql: AnalyticsSql, workspaceId: string, mediaIds: string[]) {
    if (!mediaIds.length) return null;
    const rows = await sql.select<{ kind: string }>(
      `SELECT ${sql.q('kind')} FROM ${sql.q('media_items')} WHERE ${sql.q('workspaceId')} = :workspaceId AND ${sql.q('id')} IN (:...mediaIds)`,
      { workspaceId, mediaIds },
    );
    const kinds = new Set(rows.map((r) => r.kind));
    if (kinds.has('video')) return 'video';
    return kinds.has('image') || kinds.has('gif') ? 'image' : null;
  }
}
