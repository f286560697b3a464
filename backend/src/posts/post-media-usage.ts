import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MediaUsage, MediaUse, MediaUseSource } from '../media/media-usage';
import { PostVariant } from './post-variant.entity';
import { indexVariantMedia } from './post-variant-media';
import { PostVariantMedia } from './post-variant-media.entity';

const excerptOf = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text) || 'A post';

/** Variants that have not gone out: a confirmed media delete takes the item off them. */
const UNSENT = ['draft', 'failed'];

/**
 * Tells the media library which posts carry an item: a lookup of `post_variant_media` through
 * ix_post_variant_media_media, joined by key to each variant and its post, so a media detail or
 * delete reads only the variants that carry the item, however many posts the workspace has.
 */
@Injectable()
export class PostMediaUsage implements MediaUseSource, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly usage: MediaUsage,
  ) {}

  onModuleInit(): void {
    this.usage.register(this);
  }

  async usesOf(workspaceId: string, mediaId: string): Promise<MediaUse[]> {
    const carrying = await this.carrying(this.dataSource.manager, workspaceId, mediaId)
      .innerJoin('m.post', 'p')
      .addSelect(['p.id', 'p.text', 'p.state'])
      .getMany();
    const uses = new Map<string, MediaUse>();
    for (const { post, variant } of carrying) {
      const use = uses.get(post!.id) ?? {
        postId: post!.id,
        excerpt: excerptOf(post!.text),
        state: post!.state,
        scheduledAt: null,
      };
      const at = variant!.scheduledAt;
      if (at && (!use.scheduledAt || at < use.scheduledAt)) use.scheduledAt = at;
      uses.set(use.postId, use);
    }
    return [...uses.values()].sort((a, b) => (a.postId < b.postId ? 1 : -1));
  }

  async release(em: EntityManager, workspaceId: string, mediaId: string): Promise<void> {
    const carrying = await this.carrying(em, workspaceId, mediaId)
      .addSelect(['v.postId', 'v.workspaceId', 'v.mediaIds'])
      .andWhere('v.state IN (:...unsent)', { unsent: UNSENT })
      .getMany();
    const released = carrying.map(({ variant }) => ({
      ...variant!,
      mediaIds: variant!.mediaIds.filter((id) => id !== mediaId),
    }));
    for (const variant of released) await em.update(PostVariant, variant.id, { mediaIds: variant.mediaIds });
    await indexVariantMedia(em, released, true);
  }

  /** The index rows of the item, each with its variant's id and next time. */
  private carrying(em: EntityManager, workspaceId: string, mediaId: string) {
    return em
      .createQueryBuilder(PostVariantMedia, 'm')
      .innerJoin('m.variant', 'v')
      .select(['m.variantId', 'm.mediaId', 'v.id', 'v.scheduledAt'])
      .where('m.workspaceId = :workspaceId', { workspaceId })
      .andWhere('m.mediaId = :mediaId', { mediaId });
  }
}
