import { EntityManager, In } from 'typeorm';
import { inLists } from '../database/in-lists';
import { insertRows } from '../database/insert-rows';
import { PostVariantMedia } from './post-variant-media.entity';
import type { PostVariant } from './post-variant.entity';

/** What the media index needs of a variant. */
export type VariantMedia = Pick<PostVariant, 'id' | 'postId' | 'workspaceId' | 'mediaIds'>;

/** The index rows of a variant: each item once, at its first place in the list. */
export function mediaRowsOf(variant: VariantMedia): PostVariantMedia[] {
  return [...new Set(variant.mediaIds)].map((mediaId, position) => ({
    variantId: variant.id,
    mediaId,
    workspaceId: variant.workspaceId,
    postId: variant.postId,
    position,
  }));
}

/**
 * Writes `post_variant_media` for variants whose media lists were just written, in the caller's
 * transaction so the index never disagrees with `mediaIds`. `replace`: the variants existed, and
 * their old rows go first (a variant deleted takes its rows with it by cascade).
 */
export async function indexVariantMedia(em: EntityManager, variants: VariantMedia[], replace = false): Promise<void> {
  if (!variants.length) return;
  if (replace) {
    for (const ids of inLists(variants.map((v) => v.id))) await em.delete(PostVariantMedia, { variantId: In(ids) });
  }
  await insertRows(em, PostVariantMedia, variants.flatMap(mediaRowsOf));
}
