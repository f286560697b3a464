import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import { POST_TEXTS_SAVED, type PostTextsSavedEvent } from '../common/domain-events';
import { insertIgnoringDuplicates } from '../database/insert-ignoring-duplicates';
import { inTransaction } from '../database/transactions';
import { hashtagsIn, meaningfulWords, tagKey } from './hashtag-text';
import { HashtagUse } from './hashtag-use.entity';
import { PostHashtag } from './post-hashtag.entity';

export interface HashtagSuggestion {
  tag: string;
  uses: number;
  lastUsedAt: Date;
}

/** Candidates read per order (by use, by recency): a few index rows whatever the number of posts. */
const CANDIDATES = 50;
/** A tag's weight halves every this many days without use. */
const HALF_LIFE_DAYS = 90;
const DAY_MS = 86_400_000;

const likePrefix = (key: string) => `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The workspace's hashtag use, counted as posts are saved: each post's tags are kept, so a save
 * counts only what changed (and the same save counted twice changes nothing).
 */
@Injectable()
export class HashtagUses {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnEvent(POST_TEXTS_SAVED, { async: true, promisify: true, suppressErrors: false })
  async count(e: PostTextsSavedEvent): Promise<void> {
    await inTransaction(this.dataSource, async (em) => {
      for (const post of e.posts) await this.countPost(em, e.workspaceId, post.postId, post.texts, e.at);
    });
  }

  private async countPost(
    em: EntityManager,
    workspaceId: string,
    postId: string,
    texts: string[] | null,
    at: Date,
  ): Promise<void> {
    const now = new Map((texts ?? []).flatMap(hashtagsIn).map((tag) => [tagKey(tag), tag]));
    const before = new Set((await em.findBy(PostHashtag, { postId })).map((r) => r.tag));
    const removed = [...before].filter((key) => !now.has(key));
    const added = [...now.keys()].filter((key) => !before.has(key));
    for (const tag of removed) await em.delete(PostHashtag, { postId, tag });
    if (added.length)
      await em.insert(
        PostHashtag,
        added.map((tag) => ({ postId, tag, workspaceId })),
      );
    await this.uncount(em, workspaceId, removed);
    await this.touch(em, workspaceId, now, added, at);
  }

  /** Un-counts tags a post no longer uses; a tag no post uses is forgotten. */
  private async uncount(em: EntityManager, workspaceId: string, keys: string[]): Promise<void> {
    if (!keys.length) return;
    for (const tag of keys) await em.update(HashtagUse, { workspaceId, tag }, { uses: () => 'uses - 1' });
    await em.delete(HashtagUse, { workspaceId, uses: LessThanOrEqual(0) });
  }

  /** Counts newly used tags, and dates every tag of the post to this save (recency), as last written. */
  private async touch(
    em: EntityManager,
    workspaceId: string,
    tags: Map<string, string>,
    added: string[],
    at: Date,
  ): Promise<void> {
    if (!tags.size) return;
    await insertIgnoringDuplicates(
      em,
      HashtagUse,
      added.map((tag) => ({ workspaceId, tag, label: tags.get(tag)!, uses: 0, lastUsedAt: at })),
    );
    for (const [tag, label] of tags) {
      const counted = added.includes(tag);
      await em.update(
        HashtagUse,
        { workspaceId, tag },
        { label, lastUsedAt: at, ...(counted ? { uses: () => 'uses + 1' } : {}) },
      );
    }
  }

  /**
   * Tags to suggest, best first: those starting with `q` when given, else those starting with a
   * meaningful word of `text`, else the workspace's favourites; never one `text` already has.
   * Ranked by use weighted by recency, from the top rows of two indexes (by use, by last use).
   */
  async suggest(
    workspaceId: string,
    query: { q?: string; text?: string; limit?: number },
  ): Promise<HashtagSuggestion[]> {
    const text = query.text ?? '';
    const present = new Set(hashtagsIn(text).map(tagKey));
    const q = query.q ? tagKey(query.q.trim()) : '';
    const prefixes = q ? [q] : meaningfulWords(text).slice(0, 8);
    const [byUse, byRecency] = await Promise.all(
      (['uses', 'lastUsedAt'] as const).map((order) => this.candidates(workspaceId, prefixes, order)),
    );
    const rows = new Map([...byUse, ...byRecency].map((r) => [r.tag, r]));
    const now = Date.now();
    const score = (r: HashtagUse) => r.uses * 0.5 ** ((now - r.lastUsedAt.getTime()) / DAY_MS / HALF_LIFE_DAYS);
    return [...rows.values()]
      .filter((r) => !present.has(r.tag))
      .sort((a, b) => score(b) - score(a) || a.tag.localeCompare(b.tag))
      .slice(0, query.limit ?? 10)
      .map((r) => ({ tag: `#${r.label}`, uses: r.uses, lastUsedAt: r.lastUsedAt }));
  }

  private candidates(workspaceId: string, prefixes: string[], order: 'uses' | 'lastUsedAt'): Promise<HashtagUse[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(HashtagUse, 'h')
      .where('h.workspaceId = :workspaceId', { workspaceId });
    if (prefixes.length) {
      qb.andWhere(
        new Brackets((w) =>
          prefixes.forEach((prefix, i) =>
            w.orWhere(`h.tag LIKE :p${i} ESCAPE '\\'`, { [`p${i}`]: likePrefix(prefix) }),
          ),
        ),
      );
    }
    if (order === 'uses') qb.orderBy('h.uses', 'DESC').addOrderBy('h.lastUsedAt', 'DESC');
    else qb.orderBy('h.lastUsedAt', 'DESC');
    return qb.take(CANDIDATES).getMany();
  }
}
