import type { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '../common/ids';
import { inTransaction } from '../database/transactions';
import type { PostType } from '../connectors/network-limits';
import { announcePostTexts, ensureLabels, insertPostRows, type PostRows } from './post-rows';
import { Post } from './post.entity';

/** A post that already went out on one account: what the posts tables keep of it. */
export interface PublishedPostInput {
  authorId: string | null;
  accountId: string;
  text: string;
  postType: PostType;
  link: string | null;
  mediaIds: string[];
  labels: string[];
  publishedAt: Date;
  /** The post's id on the network, which collects its metrics by it. */
  externalId: string;
  externalUrl: string | null;
}

/** The ids the writer gave a post and its one variant. */
export interface WrittenPost {
  postId: string;
  variantId: string;
}

/**
 * Writes posts that were published before they reached us — the demo history — as posts in state
 * `published`, a batch per transaction in multi-row inserts (posts, variants, their media index,
 * single schedules at the time they went out, labels). No lifecycle event is sent: these are past,
 * so no automation or notification must react as if they had just gone out. Their texts are
 * announced (POST_TEXTS_SAVED) so hashtag use counts them, as for any saved post.
 */
export class PublishedHistoryWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly workspaceId: string,
    private readonly timeZone: string,
  ) {}

  /**
   * Writes the posts (in input order) and runs `alongside` in the same transaction with their ids,
   * so what the caller keeps beside them (the network's copy, their tracking) is written or not with them.
   */
  async write(
    posts: PublishedPostInput[],
    alongside: (em: EntityManager, written: WrittenPost[]) => Promise<void> = async () => {},
  ): Promise<WrittenPost[]> {
    if (!posts.length) return [];
    const labelIds = new Map<string, string>();
    await ensureLabels(this.dataSource, this.workspaceId, [...new Set(posts.flatMap((p) => p.labels))], labelIds);
    const rows = posts.map((input) => this.rowsOf(input));
    const written = rows.map((r) => ({ postId: r.post.id, variantId: r.variants[0].id! }));
    await inTransaction(this.dataSource, async (em) => {
      await insertPostRows(em, rows, labelIds);
      await alongside(em, written);
    });
    await announcePostTexts(this.events, this.workspaceId, rows);
    return written;
  }

  private rowsOf(input: PublishedPostInput): PostRows {
    const { workspaceId } = this;
    const post = Object.assign(new Post(), {
      id: newId(),
      workspaceId,
      authorId: input.authorId,
      title: null,
      text: input.text,
      state: 'published',
      source: 'demo',
      // Written a little before it went out, as a post is.
      createdAt: new Date(input.publishedAt.getTime() - 2 * 3_600_000),
    } satisfies Partial<Post>);
    const variant = {
      id: newId(),
      postId: post.id,
      workspaceId,
      accountId: input.accountId,
      text: null,
      postType: input.postType,
      link: input.link,
      mediaIds: input.mediaIds,
      options: {},
      state: 'published' as const,
      scheduledAt: input.publishedAt,
      publishedAt: input.publishedAt,
      externalId: input.externalId,
      externalUrl: input.externalUrl,
      lastError: null,
    };
    const schedule = {
      id: newId(),
      postId: post.id,
      workspaceId,
      type: 'single' as const,
      timeZone: this.timeZone,
      startAt: input.publishedAt,
      rrule: null,
      evergreen: null,
      occurrences: 1,
    };
    return { post, variants: [variant], schedule, labels: input.labels };
  }
}
