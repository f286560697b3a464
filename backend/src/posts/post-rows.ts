import type { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, EntityManager, In } from 'typeorm';
import { POST_TEXTS_SAVED, type PostTextsSavedEvent } from '../common/domain-events';
import { newId } from '../common/ids';
import { inLists } from '../database/in-lists';
import { insertIgnoringDuplicates } from '../database/insert-ignoring-duplicates';
import { insertRows } from '../database/insert-rows';
import { inTransaction } from '../database/transactions';
import { Schedule } from '../scheduling/schedule.entity';
import { Label } from './label.entity';
import { PostLabel } from './post-label.entity';
import { indexVariantMedia, VariantMedia } from './post-variant-media';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';

/** The palette new labels take, in turn. */
const LABEL_COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

/** The colour of the workspace's n-th label. */
export const labelColor = (n: number): string => LABEL_COLORS[n % LABEL_COLORS.length];

/** One post as the rows that store it, for the writers that add many at once (imports, demo history). */
export interface PostRows {
  post: Post;
  variants: Array<Partial<PostVariant> & VariantMedia>;
  schedule: Partial<Schedule> | null;
  labels: string[];
}

/**
 * Fills `ids` with the labels' ids by name, creating the ones the workspace lacks. Committed on
 * its own, before the posts: a label nobody uses harms nothing, and ids kept by a caller must never
 * be rolled back. Duplicates are skipped, so a label someone creates meanwhile is read back.
 */
export async function ensureLabels(
  dataSource: DataSource,
  workspaceId: string,
  names: string[],
  ids: Map<string, string>,
): Promise<void> {
  const unknown = names.filter((name) => !ids.has(name));
  if (!unknown.length) return;
  const read = async (em: EntityManager, wanted: string[]) => {
    for (const list of inLists(wanted))
      for (const label of await em.findBy(Label, { workspaceId, name: In(list) })) ids.set(label.name, label.id);
  };
  await inTransaction(dataSource, async (em) => {
    await read(em, unknown);
    const offset = ids.size;
    const missing = unknown.filter((name) => !ids.has(name));
    await insertIgnoringDuplicates(
      em,
      Label,
      missing.map((name, i) =>
        Object.assign(new Label(), { id: newId(), workspaceId, name, color: labelColor(offset + i) }),
      ),
    );
    await read(em, missing);
  });
}

/** Posts, variants, their media index, schedules and labels as multi-row inserts (a statement per table, not per post). */
export async function insertPostRows(
  em: EntityManager,
  rows: PostRows[],
  labelIds: Map<string, string>,
): Promise<void> {
  await insertRows(
    em,
    Post,
    rows.map((r) => r.post),
  );
  const variants = rows.flatMap((r) => r.variants);
  await insertRows(em, PostVariant, variants);
  await indexVariantMedia(em, variants);
  await insertRows(
    em,
    Schedule,
    rows.flatMap((r) => (r.schedule ? [r.schedule] : [])),
  );
  await insertRows(
    em,
    PostLabel,
    rows.flatMap((r) => [...new Set(r.labels)].map((name) => ({ postId: r.post.id, labelId: labelIds.get(name)! }))),
  );
}

/** The posts' texts as one event (hashtag use is counted from it), as for any saved post. */
export async function announcePostTexts(events: EventEmitter2, workspaceId: string, rows: PostRows[]): Promise<void> {
  if (!rows.length) return;
  const event: PostTextsSavedEvent = {
    workspaceId,
    at: new Date(),
    posts: rows.map((r) => ({
      postId: r.post.id,
      texts: [r.post.text, ...r.variants.flatMap((v) => (v.text ? [v.text] : []))],
    })),
  };
  await events.emitAsync(POST_TEXTS_SAVED, event);
}
