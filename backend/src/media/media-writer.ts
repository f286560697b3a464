import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { newId } from '../common/ids';
import type { MediaFacts } from '../connectors/network-limits';
import { MediaItem } from './media-item.entity';
import { MEDIA_STORE } from './media-store.provider';
import type { BlobStore } from './storage/blob-store';
import { THUMBNAIL_EDGE } from './thumbnails';

/** Where a new item's bytes and row come from. */
export interface NewItem {
  workspaceId: string;
  userId: string;
  fileName: string;
  facts: MediaFacts;
  derivedFromId: string | null;
  /** Null or absent: the root. */
  folderId?: string | null;
}

/** Stores new library items: the original's blob, its thumbnail and the row, under one id. */
@Injectable()
export class MediaWriter {
  constructor(
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
  ) {}

  /** An id and the key its original goes to (`media/<workspace>/<id>/original`). */
  place(workspaceId: string): { id: string; storageKey: string } {
    const id = newId();
    return { id, storageKey: `media/${workspaceId}/${id}/original` };
  }

  /** A new image made here (a fix, an edit): stored, measured and thumbnailed. */
  async image(item: Omit<NewItem, 'facts'>, data: Buffer, mimeType: string): Promise<MediaItem> {
    const sharp = (await import('sharp')).default;
    const meta = await sharp(data).metadata();
    const { id, storageKey } = this.place(item.workspaceId);
    await this.store.put(storageKey, Readable.from(data), mimeType, data.length);
    const thumbnail = await sharp(data)
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    const thumbnailKey = await this.putThumbnail(item.workspaceId, id, thumbnail);
    const facts: MediaFacts = { kind: 'image', mimeType, bytes: data.length, width: meta.width, height: meta.height };
    return this.insert({ ...item, facts }, id, storageKey, thumbnailKey);
  }

  async putThumbnail(workspaceId: string, id: string, data: Buffer): Promise<string> {
    const key = `media/${workspaceId}/${id}/thumbnail.jpg`;
    await this.store.put(key, Readable.from(data), 'image/jpeg', data.length);
    return key;
  }

  async insert(item: NewItem, id: string, storageKey: string, thumbnailKey: string | null): Promise<MediaItem> {
    const { facts } = item;
    await this.items.insert(
      this.items.create({
        id,
        workspaceId: item.workspaceId,
        uploadedById: item.userId,
        fileName: item.fileName.slice(0, 255),
        kind: facts.kind,
        mimeType: facts.mimeType,
        bytes: facts.bytes,
        width: facts.width ?? null,
        height: facts.height ?? null,
        durationMs: facts.durationSeconds === undefined ? null : Math.round(facts.durationSeconds * 1000),
        pages: facts.pages ?? null,
        storageKey,
        thumbnailKey,
        derivedFromId: item.derivedFromId,
        folderId: item.folderId ?? null,
        favourite: false,
      }),
    );
    return this.items.findOneByOrFail({ id });
  }
}
