import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { MediaUsage, MediaUse, MediaUseSource } from '../media/media-usage';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';

const excerptOf = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text) || 'A post';

/** Variants that have not gone out: a confirmed media delete takes the item off them. */
const UNSENT = ['draft', 'failed'] as const;

/**
 * Tells the media library which posts carry an item. Media ids live in each variant's JSON list,
 * so this reads the workspace's variants through ix_post_variants_calendar and matches the quoted
 * id in the text: one scan of a workspace's variants per media detail or delete. A join table kept
 * by the planner would make it a lookup; worth it once libraries are opened far more than posts saved.
 */
@Injectable()
export class PostMediaUsage implements MediaUseSource, OnModuleInit {
  constructor(
    @InjectRepository(PostVariant) private readonly variants: Repository<PostVariant>,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
    private readonly usage: MediaUsage,
  ) {}

  onModuleInit(): void {
    this.usage.register(this);
  }

  async usesOf(workspaceId: string, mediaId: string): Promise<MediaUse[]> {
    const carrying = await this.carrying(workspaceId, mediaId);
    if (!carrying.length) return [];
    const posts = await this.posts.findBy({ workspaceId, id: In([...new Set(carrying.map((v) => v.postId))]) });
    return posts
      .map((post) => {
        const times = carrying
          .filter((v) => v.postId === post.id && v.scheduledAt)
          .map((v) => v.scheduledAt!.getTime());
        return {
          postId: post.id,
          excerpt: excerptOf(post.text),
          state: post.state,
          scheduledAt: times.length ? new Date(Math.min(...times)) : null,
        };
      })
      .sort((a, b) => (a.postId < b.postId ? 1 : -1));
  }

  async release(workspaceId: string, mediaId: string): Promise<void> {
    for (const variant of await this.carrying(workspaceId, mediaId)) {
      if (!(UNSENT as readonly string[]).includes(variant.state)) continue;
      await this.variants.update(variant.id, { mediaIds: variant.mediaIds.filter((id) => id !== mediaId) });
    }
  }

  private async carrying(workspaceId: string, mediaId: string): Promise<PostVariant[]> {
    const rows = await this.variants
      .createQueryBuilder('v')
      .where('v.workspaceId = :workspaceId', { workspaceId })
      .andWhere('v.mediaIds LIKE :quoted', { quoted: `%"${mediaId}"%` })
      .getMany();
    // The LIKE is a prefilter; the parsed list decides.
    return rows.filter((v) => v.mediaIds.includes(mediaId));
  }
}
