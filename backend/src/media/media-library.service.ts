import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { buffer } from 'node:stream/consumers';
import { In, Repository } from 'typeorm';
import type { PublishMedia } from '../connectors/connector';
import { MediaItem } from './media-item.entity';
import { MEDIA_STORE } from './media-store.provider';
import type { BlobStore } from './storage/blob-store';

/** How long a network may take to fetch media by URL after we hand it over. */
const PUBLISH_URL_TTL_MS = 24 * 3600_000;
/**
 * How long an exported sheet's media URLs can be fetched by another workspace's import. The same
 * workspace's import recognises them for good (`BlobStore.keyOf`) and never fetches.
 */
const EXPORT_URL_TTL_MS = 30 * 24 * 3600_000;

/** The media library's read side: what publishing and the composer need. */
@Injectable()
export class MediaLibrary {
  constructor(
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
  ) {}

  /** The items in the given order, each readable and with a signed URL for networks that fetch. */
  async forPublishing(workspaceId: string, ids: string[]): Promise<PublishMedia[]> {
    if (!ids.length) return [];
    const rows = await this.items.findBy({ workspaceId, id: In(ids) });
    const expiresAt = new Date(Date.now() + PUBLISH_URL_TTL_MS);
    return Promise.all(
      ids
        .flatMap((id) => rows.filter((r) => r.id === id))
        .map(async (item) => ({
          id: item.id,
          kind: item.kind,
          mimeType: item.mimeType,
          bytes: item.bytes,
          width: item.width ?? undefined,
          height: item.height ?? undefined,
          durationSeconds: item.durationMs === null ? undefined : item.durationMs / 1000,
          pages: item.pages ?? undefined,
          url: await this.store.signedUrl(item.storageKey, expiresAt),
          read: async () => buffer(await this.store.get(item.storageKey)),
        })),
    );
  }

  /** Each item's URL for an exported sheet, by id. */
  async exportUrls(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.items.findBy({ workspaceId, id: In(ids) });
    const expiresAt = new Date(Date.now() + EXPORT_URL_TTL_MS);
    return new Map(
      await Promise.all(rows.map(async (r) => [r.id, await this.store.signedUrl(r.storageKey, expiresAt)] as const)),
    );
  }
}
