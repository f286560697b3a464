import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A post whose variants carry a media item, as the library's detail and delete check show it. */
export interface MediaUse {
  postId: string;
  excerpt: string;
  /** The post's state: draft, pending_approval, scheduled, publishing, published or failed. */
  state: string;
  /** The earliest time a variant carrying the item goes out; null when none is scheduled. */
  scheduledAt: Date | null;
}

/** What the posts context answers about its variants' media (it implements this; media cannot import posts). */
export interface MediaUseSource {
  usesOf(workspaceId: string, mediaId: string): Promise<MediaUse[]>;
  /** Drops the item from the variants that still carry it and have not gone out (a confirmed delete), in its transaction. */
  release(em: EntityManager, workspaceId: string, mediaId: string): Promise<void>;
}

/**
 * Where media is used. Posts depend on media (the planner measures attachments), so the library
 * cannot call posts directly: the posts context registers its answer here when it starts.
 */
@Injectable()
export class MediaUsage {
  private source: MediaUseSource | null = null;

  register(source: MediaUseSource): void {
    this.source = source;
  }

  usesOf(workspaceId: string, mediaId: string): Promise<MediaUse[]> {
    return this.source ? this.source.usesOf(workspaceId, mediaId) : Promise.resolve([]);
  }

  async release(em: EntityManager, workspaceId: string, mediaId: string): Promise<void> {
    await this.source?.release(em, workspaceId, mediaId);
  }
}
