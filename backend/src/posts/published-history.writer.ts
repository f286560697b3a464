import type { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager, In } from 'typeorm';
import { POST_TEXTS_SAVED, type PostTextsSavedEvent } from '../common/domain-events';
import { newId } from '../common/ids';
import { inLists } from '../database/in-lists';
import { insertIgnoringDuplicates } from '../database/insert-ignoring-duplicates';
import { insertRows } from '../database/insert-rows';
import { inTransaction } from '../database/transactions';
import type { PostType } from '../connectors/network-limits';
import { Schedule } from '../scheduling/schedule.entity';
import { Label } from './label.entity';
import { PostLabel } from './post-label.entity';
import { indexVariantMedia } from './post-variant-media';
import { PostVariant } from './post-variant.entity';
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

/** The palette PostsService gives new labels, in the same order. */
const LABEL_COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

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
    const labelIds = await this.ensureLabels([...new Set(posts.flatMap((p) => p.labels))]);
    const rows = posts.map((input) => this.rowsOf(input));
    const written = rows.map((r) => ({ postId: r.post.id, variantId: r.variant.id }));
    await inTransaction(this.dataSource, async (em) => {
      await insertRows(
        em,
        Post,
        rows.map((r) => r.post),
      );
      await insertRows(
        em,
        PostVariant,
        rows.map((r) => r.variant),
      );
      await indexVariantMedia(
        em,
        rows.map((r) => r.variant),
      );
      await insertRows(
        em,
        Schedule,
        rows.map((r) => r.schedule),
      );
      await insertRows(
        em,
        PostLabel,
        rows.flatMap((r, i) => posts[i].labels.map((name) => ({ postId: r.post.id, labelId: labelIds.get(name)! }))),
      );
      await alongside(em, written);
    });
    const event: PostTextsSavedEvent = {
      workspaceId: this.workspaceId,
      at: new Date(),
      posts: rows.map((r) => ({ postId: r.post.id, texts: [r.post.text] })),
    };
    await this.events.emitAsync(POST_TEXTS_SAVED, event);
    return written;
  }

  private rowsOf(input: PublishedPostInput) {
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
    return { post, variant, schedule };
  }

  /** Label ids by name, creating the ones the workspace lacks (a concurrent creation is read back). */
  private async ensureLabels(names: string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    if (!names.length) return ids;
    const { workspaceId } = this;
    const read = async (em: EntityManager, wanted: string[]) => {
      for (const list of inLists(wanted))
        for (const label of await em.findBy(Label, { workspaceId, name: In(list) })) ids.set(label.name, label.id);
    };
    await inTransaction(this.dataSource, async (em) => {
      await read(em, names);
      const missing = names.filter((name) => !ids.has(name));
      await insertIgnoringDuplicates(
        em,
        Label,
        missing.map((name, i) =>
          Object.assign(new Label(), {
            id: newId(),
            workspaceId,
            name,
            color: LABEL_COLORS[(ids.size + i) % LABEL_COLORS.length],
          }),
        ),
      );
      await read(em, missing);
    });
    return ids;
  }
}
