import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { In, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import type { MediaFacts, NetworkId } from '../connectors/network-limits';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { applyImageFixes, ImageFix, planFixes } from './auto-fix';
import { MediaItemDto } from './media.dto';
import { MediaError } from './media.errors';
import { MediaItem } from './media-item.entity';
import { MEDIA_STORE } from './media-store.provider';
import { ProbeError, probeMedia, sniffMedia, UnsupportedMediaError } from './probe';
import type { BlobStore } from './storage/blob-store';
import { makeThumbnail } from './thumbnails';
import { MediaViews } from './media-views';
import { MediaFolders } from './media-folders.service';
import { MediaWriter } from './media-writer';
import { MediaTools, MissingToolError } from './media-tools';
import { downloadMedia } from './media-by-url';
import type { Upload } from '../common/uploads';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export const factsOf = (item: MediaItem): MediaFacts => ({
  kind: item.kind,
  mimeType: item.mimeType,
  bytes: item.bytes,
  width: item.width ?? undefined,
  height: item.height ?? undefined,
  durationSeconds: item.durationMs === null ? undefined : item.durationMs / 1000,
  pages: item.pages ?? undefined,
});

/** Files into the library: uploads (type sniffed, probed, thumbnailed), imports by URL and auto-fixes. */
@Injectable()
export class MediaUploads {
  constructor(
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly writer: MediaWriter,
    private readonly views: MediaViews,
    private readonly folders: MediaFolders,
  ) {
    this.maxUploadBytes = config.media.maxUploadBytes;
    this.tools = { ffmpeg: config.media.ffmpegPath, ffprobe: config.media.ffprobePath };
  }

  private readonly maxUploadBytes: number;
  private readonly tools: MediaTools;

  /** `folderId`: the folder the library is showing (a drop into it); null or absent: the root. */
  async upload(
    workspaceId: string,
    userId: string,
    file: Upload,
    folderId: string | null = null,
  ): Promise<MediaItemDto> {
    try {
      if (folderId) await this.folders.existing(workspaceId, folderId, 'folderId');
      const sniffed = await sniffMedia(file.path);
      const facts = await probeMedia(file.path, file.size, sniffed, this.tools);
      // Before anything is stored: a missing ffmpeg fails the upload without leaving a blob behind.
      const thumbnail = await this.thumbnailOf(file.path, facts);
      const { id, storageKey } = this.writer.place(workspaceId);
      await this.store.put(storageKey, createReadStream(file.path), facts.mimeType, file.size);
      const thumbnailKey = thumbnail ? await this.writer.putThumbnail(workspaceId, id, thumbnail) : null;
      const item = { workspaceId, userId, fileName: file.originalname, facts, derivedFromId: null, folderId };
      return this.views.one(await this.writer.insert(item, id, storageKey, thumbnailKey));
    } catch (error) {
      if (error instanceof UnsupportedMediaError)
        throw new MediaError('UNSUPPORTED_TYPE', error.message, [{ field: 'file', message: error.message }]);
      if (error instanceof ProbeError)
        throw new MediaError('UNREADABLE', error.message, [{ field: 'file', message: error.message }]);
      if (error instanceof MissingToolError)
        throw new MediaError('TOOL_MISSING', error.message, [{ field: 'file', message: error.message }]);
      throw error;
    } finally {
      await rm(file.path, { force: true });
    }
  }

  /**
   * A media item for a URL in an imported sheet: our own store's URL for an item of this workspace
   * (an export, however old) is that item; anything else is downloaded into the library.
   */
  async fromUrl(workspaceId: string, userId: string, url: string): Promise<string> {
    const key = this.store.keyOf(url);
    const own = key ? await this.items.findOneBy({ workspaceId, storageKey: key }) : null;
    if (own) return own.id;
    const file = await downloadMedia(url, this.maxUploadBytes);
    return (await this.upload(workspaceId, userId, { path: file.path, originalname: file.name, size: file.size })).id;
  }

  /** The stored type of an original file (`media/<workspace>/<id>/original`). */
  async mimeTypeOf(storageKey: string): Promise<string> {
    // The key names the item (`media/<workspace>/<id>/original`): read by primary key, not a scan by key.
    const [, workspaceId, id] = storageKey.split('/');
    const item = id ? await this.items.findOneBy({ id, workspaceId, storageKey }) : null;
    return item?.mimeType ?? 'application/octet-stream';
  }

  async get(workspaceId: string, id: string): Promise<MediaItemDto> {
    return this.views.one(await this.find(workspaceId, id));
  }

  /** These items of the workspace, in the given order, with signed URLs (a post's media for its preview). */
  async many(workspaceId: string, ids: string[]): Promise<MediaItemDto[]> {
    if (!ids.length) return [];
    const rows = await this.items.findBy({ workspaceId, id: In(ids) });
    return this.views.many(ids.flatMap((id) => rows.filter((r) => r.id === id)));
  }

  /** What the composer offers for an item that breaks a network's rule. */
  async fixesFor(workspaceId: string, id: string, network: NetworkId): Promise<ImageFix[]> {
    const item = await this.find(workspaceId, id);
    const rule = NETWORK_LIMITS[network].media[item.kind];
    return rule ? planFixes(factsOf(item), rule) : [];
  }

  /** Applies the fixes as a new item; the original stays in the library untouched. */
  async autoFix(workspaceId: string, userId: string, id: string, network: NetworkId): Promise<MediaItemDto> {
    const item = await this.find(workspaceId, id);
    const fixes = await this.fixesFor(workspaceId, id, network);
    if (!fixes.length) return this.views.one(item);
    const original = await buffer(await this.store.get(item.storageKey));
    const fixed = await applyImageFixes(original, fixes);
    const fileName = item.fileName.replace(/(\.[^.]*)?$/, fixed.mimeType === 'image/jpeg' ? '-fixed.jpg' : '-fixed$1');
    const made = await this.writer.image(
      { workspaceId, userId, fileName, derivedFromId: item.id },
      fixed.data,
      fixed.mimeType,
    );
    return this.views.one(made);
  }

  /** A frame that cannot be decoded leaves the item without a thumbnail; a missing ffmpeg is said. */
  private thumbnailOf(path: string, facts: MediaFacts): Promise<Buffer | null> {
    return makeThumbnail(path, facts.kind, this.tools).catch((error: unknown) => {
      if (error instanceof MissingToolError) throw error;
      return null;
    });
  }

  private async find(workspaceId: string, id: string): Promise<MediaItem> {
    const item = await this.items.findOneBy({ id, workspaceId });
    if (!item) throw notFound('Media item');
    return item;
  }
}
