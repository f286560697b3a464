import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { In, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
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
import { MediaTools, MissingToolError } from './media-tools';
import { downloadMedia } from './media-by-url';
import { LocalDirectoryStore } from './storage/local-directory-store';
import type { Upload } from '../common/uploads';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** Signed URLs the app hands out live this long (the composer reloads them with the post). */
const VIEW_URL_TTL_MS = 6 * 3600_000;

export const factsOf = (item: MediaItem): MediaFacts => ({
  kind: item.kind,
  mimeType: item.mimeType,
  bytes: item.bytes,
  width: item.width ?? undefined,
  height: item.height ?? undefined,
  durationSeconds: item.durationMs === null ? undefined : item.durationMs / 1000,
  pages: item.pages ?? undefined,
});

/** The media library's write side: uploads (type sniffed, probed, thumbnailed) and auto-fixes. */
@Injectable()
export class MediaUploads {
  constructor(
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxUploadBytes = config.media.maxUploadBytes;
    this.tools = { ffmpeg: config.media.ffmpegPath, ffprobe: config.media.ffprobePath };
  }

  private readonly maxUploadBytes: number;
  private readonly tools: MediaTools;

  async upload(workspaceId: string, userId: string, file: Upload): Promise<MediaItemDto> {
    try {
      const sniffed = await sniffMedia(file.path);
      const facts = await probeMedia(file.path, file.size, sniffed, this.tools);
      // Before anything is stored: a missing ffmpeg fails the upload without leaving a blob behind.
      const thumbnail = await this.thumbnailOf(file.path, facts);
      const id = newId();
      const storageKey = `media/${workspaceId}/${id}/original`;
      await this.store.put(storageKey, createReadStream(file.path), facts.mimeType, file.size);
      const thumbnailKey = thumbnail ? await this.putThumbnail(workspaceId, id, thumbnail) : null;
      return this.dto(
        await this.save(workspaceId, userId, id, file.originalname, facts, storageKey, thumbnailKey, null),
      );
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
   * A media item for a URL in an imported sheet: our own signed URL (an export) is the item it
   * points at; anything else is downloaded into the library.
   */
  async fromUrl(workspaceId: string, userId: string, url: string): Promise<string> {
    const own = this.ownItemKey(url);
    if (own) {
      const item = await this.items.findOneBy({ workspaceId, storageKey: own });
      if (item) return item.id;
    }
    const file = await downloadMedia(url, this.maxUploadBytes);
    return (await this.upload(workspaceId, userId, { path: file.path, originalname: file.name, size: file.size })).id;
  }

  private ownItemKey(url: string): string | null {
    const { pathname, searchParams } = new URL(url);
    const key = pathname.replace(/^\/media\//, '');
    if (!(this.store instanceof LocalDirectoryStore) || key === pathname) return null;
    return this.store.verify(key, Number(searchParams.get('expires')), searchParams.get('signature') ?? '')
      ? key
      : null;
  }

  /** The stored type of an original file (`media/<workspace>/<id>/original`). */
  async mimeTypeOf(storageKey: string): Promise<string> {
    const item = await this.items.findOneBy({ storageKey });
    return item?.mimeType ?? 'application/octet-stream';
  }

  async get(workspaceId: string, id: string): Promise<MediaItemDto> {
    return this.dto(await this.find(workspaceId, id));
  }

  /** These items of the workspace, in the given order, with signed URLs (a post's media for its preview). */
  async many(workspaceId: string, ids: string[]): Promise<MediaItemDto[]> {
    if (!ids.length) return [];
    const rows = await this.items.findBy({ workspaceId, id: In(ids) });
    return Promise.all(ids.flatMap((id) => rows.filter((r) => r.id === id)).map((item) => this.dto(item)));
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
    if (!fixes.length) return this.dto(item);
    const original = await buffer(await this.store.get(item.storageKey));
    const fixed = await applyImageFixes(original, fixes);
    const newIdValue = newId();
    const storageKey = `media/${workspaceId}/${newIdValue}/original`;
    await this.store.put(storageKey, Readable.from(fixed.data), fixed.mimeType, fixed.data.length);
    const facts = await this.imageFacts(fixed.data, fixed.mimeType);
    const thumbnailKey = await this.storeThumbnailFrom(workspaceId, newIdValue, fixed.data);
    const name = item.fileName.replace(/(\.[^.]*)?$/, fixed.mimeType === 'image/jpeg' ? '-fixed.jpg' : '-fixed$1');
    return this.dto(await this.save(workspaceId, userId, newIdValue, name, facts, storageKey, thumbnailKey, item.id));
  }

  private async imageFacts(data: Buffer, mimeType: string): Promise<MediaFacts> {
    const sharp = (await import('sharp')).default;
    const meta = await sharp(data).metadata();
    return { kind: 'image', mimeType, bytes: data.length, width: meta.width, height: meta.height };
  }

  /** A frame that cannot be decoded leaves the item without a thumbnail; a missing ffmpeg is said. */
  private thumbnailOf(path: string, facts: MediaFacts): Promise<Buffer | null> {
    return makeThumbnail(path, facts.kind, this.tools).catch((error: unknown) => {
      if (error instanceof MissingToolError) throw error;
      return null;
    });
  }

  private async storeThumbnailFrom(workspaceId: string, id: string, data: Buffer) {
    const sharp = (await import('sharp')).default;
    return this.putThumbnail(workspaceId, id, await sharp(data).resize(320, 320, { fit: 'inside' }).jpeg().toBuffer());
  }

  private async putThumbnail(workspaceId: string, id: string, data: Buffer): Promise<string> {
    const key = `media/${workspaceId}/${id}/thumbnail.jpg`;
    await this.store.put(key, Readable.from(data), 'image/jpeg', data.length);
    return key;
  }

  private async save(
    workspaceId: string,
    userId: string,
    id: string,
    fileName: string,
    facts: MediaFacts,
    storageKey: string,
    thumbnailKey: string | null,
    derivedFromId: string | null,
  ): Promise<MediaItem> {
    const item = this.items.create({
      id,
      workspaceId,
      uploadedById: userId,
      fileName: fileName.slice(0, 255),
      kind: facts.kind,
      mimeType: facts.mimeType,
      bytes: facts.bytes,
      width: facts.width ?? null,
      height: facts.height ?? null,
      durationMs: facts.durationSeconds === undefined ? null : Math.round(facts.durationSeconds * 1000),
      pages: facts.pages ?? null,
      storageKey,
      thumbnailKey,
      derivedFromId,
    });
    await this.items.insert(item);
    return this.items.findOneByOrFail({ id });
  }

  private async find(workspaceId: string, id: string): Promise<MediaItem> {
    const item = await this.items.findOneBy({ id, workspaceId });
    if (!item) throw notFound('Media item');
    return item;
  }

  async dto(item: MediaItem): Promise<MediaItemDto> {
    const expiresAt = new Date(Date.now() + VIEW_URL_TTL_MS);
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
      createdAt: item.createdAt.toISOString(),
    };
  }
}
