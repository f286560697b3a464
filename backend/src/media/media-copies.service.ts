import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../access/access-context';
import { AccessError } from '../access/access.errors';
import { WorkspaceAccessService } from '../workspaces/workspace-access.service';
import { MediaItemDto } from './media.dto';
import { MediaQueries } from './media-queries.service';
import { MEDIA_STORE } from './media-store.provider';
import { MediaTag } from './media-tag.entity';
import { MediaViews } from './media-views';
import { factsOf } from './media-uploads.service';
import { MediaWriter } from './media-writer';
import type { BlobStore } from './storage/blob-store';

/**
 * Reuse across workspaces is a copy, not a shared reference: the copy's bytes live under the
 * target workspace's keys and its row under its workspace, so every query stays scoped to one
 * workspace, deleting in one never breaks a scheduled post in the other, and a member who leaves
 * one workspace takes nothing of it along. The price is the bytes stored twice.
 */
@Injectable()
export class MediaCopies {
  constructor(
    @InjectRepository(MediaTag) private readonly tags: Repository<MediaTag>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    private readonly access: WorkspaceAccessService,
    private readonly queries: MediaQueries,
    private readonly writer: MediaWriter,
    private readonly views: MediaViews,
  ) {}

  async copy(workspaceId: string, principal: Principal, id: string, targetId: string): Promise<MediaItemDto> {
    const item = await this.queries.find(workspaceId, id);
    await this.assertMayUpload(principal, targetId);
    const { id: copyId, storageKey } = this.writer.place(targetId);
    await this.store.put(storageKey, await this.store.get(item.storageKey), item.mimeType, item.bytes);
    const thumbnailKey = item.thumbnailKey ? `media/${targetId}/${copyId}/thumbnail.jpg` : null;
    if (item.thumbnailKey && thumbnailKey) {
      await this.store.put(
        thumbnailKey,
        await this.store.get(item.thumbnailKey),
        'image/jpeg',
        Number.MAX_SAFE_INTEGER,
      );
    }
    // The original's id would name an item of another workspace: the copy starts its own line.
    const copy = await this.writer.insert(
      {
        workspaceId: targetId,
        userId: principal.userId,
        fileName: item.fileName,
        facts: factsOf(item),
        derivedFromId: null,
      },
      copyId,
      storageKey,
      thumbnailKey,
    );
    const tags = await this.tags.findBy({ mediaId: item.id });
    if (tags.length) await this.tags.insert(tags.map((t) => ({ mediaId: copy.id, tag: t.tag, workspaceId: targetId })));
    return this.views.one(copy);
  }

  /** The caller's own membership decides; a workspace they are not in answers as one that does not exist. */
  private async assertMayUpload(principal: Principal, workspaceId: string): Promise<void> {
    // An API key acts in its own workspace only.
    if (principal.apiKey) throw new AccessError('WORKSPACE_NOT_FOUND');
    const membership = await this.access.resolve(principal.userId, workspaceId);
    if (!membership) throw new AccessError('WORKSPACE_NOT_FOUND');
    if (!membership.permissions.includes('media:write')) {
      throw new AccessError('PERMISSION_DENIED', 'Copying media there needs the "media:write" permission there', [
        { field: 'workspaceId', message: 'you may not upload media in this workspace' },
      ]);
    }
  }
}
