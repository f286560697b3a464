import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { IdentityService } from '../identity/identity.service';
import { MediaItemDto } from './media.dto';
import { MediaItem } from './media-item.entity';
import { MEDIA_STORE } from './media-store.provider';
import { MediaTag } from './media-tag.entity';
import type { BlobStore } from './storage/blob-store';

/** Signed URLs the app hands out live this long (the composer reloads them with the post). */
const VIEW_URL_TTL_MS = 6 * 3600_000;

/** Media items as the API shows them: tags and uploader read once per page, URLs signed. */
@Injectable()
export class MediaViews {
  constructor(
    @InjectRepository(MediaTag) private readonly tags: Repository<MediaTag>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    private readonly identity: IdentityService,
  ) {}

  async one(item: MediaItem): Promise<MediaItemDto> {
    return (await this.many([item]))[0];
  }

  async many(items: MediaItem[]): Promise<MediaItemDto[]> {
    if (!items.length) return [];
    const ids = items.map((i) => i.id);
    const tags = await this.tags.find({ where: { mediaId: In(ids) }, order: { tag: 'ASC' } });
    const uploaderIds = [...new Set(items.flatMap((i) => (i.uploadedById ? [i.uploadedById] : [])))];
    const names = new Map((await this.identity.findMany(uploaderIds)).map((u) => [u.id, u.name]));
    const expiresAt = new Date(Date.now() + VIEW_URL_TTL_MS);
    return Promise.all(
      items.map(async (item) => {
        const name = item.uploadedById ? names.get(item.uploadedById) : undefined;
        return {
          id: item.id,
          fileName: item.fileName,
          kind: item.kind,
          mimeType: item.mimeType,
          bytes: item.bytes,
          width: item.width,
          height: item.height,
          durationSeconds: item.durationMs === null ? null : item.durationMs / 1000,
          pages: item.pages,
          url: await this.store.signedUrl(item.storageKey, expiresAt),
          thumbnailUrl: item.thumbnailKey ? await this.store.signedUrl(item.thumbnailKey, expiresAt) : null,
          derivedFromId: item.derivedFromId,
          folderId: item.folderId,
          tags: tags.filter((t) => t.mediaId === item.id).map((t) => t.tag),
          favourite: item.favourite,
          uploadedBy: name !== undefined ? { id: item.uploadedById!, name } : null,
          createdAt: item.createdAt.toISOString(),
        };
      }),
    );
  }
}
