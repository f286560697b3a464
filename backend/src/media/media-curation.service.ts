import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../database/transactions';
import { MediaItemDto } from './media.dto';
import { MediaError } from './media.errors';
import { DeleteMediaQueryDto, UpdateMediaDto } from './media-library.dto';
import { MediaFolders } from './media-folders.service';
import { MediaItem } from './media-item.entity';
import { MediaQueries } from './media-queries.service';
import { MEDIA_STORE } from './media-store.provider';
import { MediaTag } from './media-tag.entity';
import { MediaUsage, MediaUse } from './media-usage';
import { MediaViews } from './media-views';
import type { BlobStore } from './storage/blob-store';

/** Post states that hold an item: it goes out (or waits for a decision) with them. */
const HOLDING = ['scheduled', 'pending_approval', 'publishing'];
/** Post states that ask first: the item can go, the drafts lose it. */
const ASKING = ['draft', 'failed'];

const listed = (uses: MediaUse[]) => uses.map((u) => ({ ...u, scheduledAt: u.scheduledAt?.toISOString() ?? null }));

/** Keeping the library in order: rename, file into folders, tag, star, and delete safely. */
@Injectable()
export class MediaCuration {
  private readonly logger = new Logger(MediaCuration.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    private readonly queries: MediaQueries,
    private readonly folders: MediaFolders,
    private readonly usage: MediaUsage,
    private readonly views: MediaViews,
  ) {}

  async update(workspaceId: string, id: string, input: UpdateMediaDto): Promise<MediaItemDto> {
    const item = await this.queries.find(workspaceId, id);
    if (input.folderId) await this.folders.existing(workspaceId, input.folderId, 'folderId');
    await inTransaction(this.dataSource, async (em) => {
      const changes: Partial<MediaItem> = {
        ...(input.fileName !== undefined && { fileName: input.fileName }),
        ...(input.folderId !== undefined && { folderId: input.folderId }),
        ...(input.favourite !== undefined && { favourite: input.favourite }),
      };
      if (Object.keys(changes).length) await em.update(MediaItem, { id: item.id, workspaceId }, changes);
      if (input.tags) {
        await em.delete(MediaTag, { mediaId: item.id });
        if (input.tags.length) {
          await em.insert(
            MediaTag,
            input.tags.map((tag) => ({ mediaId: item.id, tag, workspaceId })),
          );
        }
      }
    });
    return this.views.one(await this.queries.find(workspaceId, id));
  }

  /**
   * Refused while a scheduled, publishing or pending post carries it (it would go out without it);
   * asks first when drafts do (they lose it). Then the row goes, and its files.
   */
  async remove(workspaceId: string, id: string, query: DeleteMediaQueryDto): Promise<void> {
    const item = await this.queries.find(workspaceId, id);
    const uses = await this.usage.usesOf(workspaceId, id);
    const holding = uses.filter((u) => HOLDING.includes(u.state));
    if (holding.length) {
      throw new MediaError(
        'MEDIA_IN_USE',
        `${holding.length} scheduled or pending post(s) use ${item.fileName}; remove it from them first`,
        undefined,
        undefined,
        { posts: listed(holding) },
      );
    }
    const asking = uses.filter((u) => ASKING.includes(u.state));
    if (asking.length && !query.confirm) {
      throw new MediaError(
        'MEDIA_USED_BY_DRAFTS',
        `${asking.length} draft(s) use ${item.fileName}; delete with confirm=true to take it out of them`,
        undefined,
        undefined,
        { posts: listed(asking) },
      );
    }
    await inTransaction(this.dataSource, async (em) => {
      // The drafts lose it together with the row: a failed delete leaves them as they were.
      if (asking.length) await this.usage.release(em, workspaceId, id);
      // Tags cascade with the row where foreign keys are enforced; said here for where they are not.
      await em.delete(MediaTag, { mediaId: item.id });
      await em.delete(MediaItem, { id: item.id, workspaceId });
    });
    for (const key of [item.storageKey, item.thumbnailKey]) {
      // The row is gone, so the item is; a file left behind is only storage, logged for the operator.
      if (key) await this.store.delete(key).catch((error: Error) => this.logger.warn(`${key}: ${error.message}`));
    }
  }
}
