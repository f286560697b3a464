import { Inject, Injectable } from '@nestjs/common';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { editImage, EditStepError } from './image-edits';
import { MediaItemDto } from './media.dto';
import { MediaError } from './media.errors';
import { downloadMedia, MediaDownloadError } from './media-by-url';
import { EditMediaDto } from './media-edit.dto';
import { MediaQueries } from './media-queries.service';
import { MEDIA_STORE } from './media-store.provider';
import { MediaViews } from './media-views';
import { MediaWriter } from './media-writer';
import type { BlobStore } from './storage/blob-store';

/** A logo is a small picture; anything larger is not one. */
const MAX_LOGO_BYTES = 5 * 1024 * 1024;
const EDITABLE = ['image/jpeg', 'image/png', 'image/webp'];
/** Pixels are held raw between steps (4 bytes each): past 8192×8192 an edit would hold gigabytes. */
const MAX_EDIT_PIXELS = 8192 * 8192;

/** Crop, resize, rotate and watermark: each edit is a new item pointing back at the original, which stays. */
@Injectable()
export class MediaEdits {
  constructor(
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: MediaQueries,
    private readonly writer: MediaWriter,
    private readonly views: MediaViews,
    private readonly workspaces: WorkspacesService,
  ) {}

  async edit(workspaceId: string, userId: string, id: string, input: EditMediaDto): Promise<MediaItemDto> {
    const item = await this.queries.find(workspaceId, id);
    if (!EDITABLE.includes(item.mimeType)) {
      throw new MediaError(
        'NOT_AN_IMAGE',
        `${item.fileName} is ${item.mimeType}; only JPEG, PNG and WebP images can be edited`,
        [{ field: 'id', message: `is a ${item.kind} (${item.mimeType}), not an editable image` }],
      );
    }
    if ((item.width ?? 0) * (item.height ?? 0) > MAX_EDIT_PIXELS) {
      throw new MediaError('EDIT_INVALID', `${item.fileName} is too large to edit (over 64 megapixels)`, [
        { field: 'id', message: `is ${item.width}×${item.height}; images up to 8192×8192 can be edited` },
      ]);
    }
    const original = await buffer(await this.store.get(item.storageKey));
    const logo = () => this.logoOf(workspaceId, input);
    let edited;
    try {
      edited = await editImage(original, item.mimeType, input.operations, logo);
    } catch (error) {
      if (error instanceof EditStepError)
        throw new MediaError('EDIT_INVALID', `${error.field} ${error.message}`, [
          { field: error.field, message: error.message },
        ]);
      throw error;
    }
    const fileName = item.fileName.replace(/(\.[^.]*)?$/, '-edited$1');
    const made = await this.writer.image(
      { workspaceId, userId, fileName, derivedFromId: item.id },
      edited.data,
      edited.mimeType,
    );
    return this.views.one(made);
  }

  /** The workspace's branding logo, fetched through the outbound guard. */
  private async logoOf(workspaceId: string, input: EditMediaDto): Promise<Buffer> {
    // Spelled as the validation pipe names fields of this body (operations.0.op).
    const field = `operations.${input.operations.findIndex((o) => o.op === 'watermark' && o.logo)}.logo`;
    const { logoUrl } = (await this.workspaces.faceOf(workspaceId)).branding;
    if (!logoUrl) {
      throw new MediaError('LOGO_UNAVAILABLE', 'The workspace has no logo; set one in its branding settings', [
        { field, message: 'the workspace has no logo' },
      ]);
    }
    try {
      const file = await downloadMedia(logoUrl, MAX_LOGO_BYTES, { allowPrivate: this.config.allowPrivateUrls });
      try {
        return await readFile(file.path);
      } finally {
        await rm(dirname(file.path), { recursive: true, force: true });
      }
    } catch (error) {
      if (!(error instanceof MediaDownloadError)) throw error;
      throw new MediaError('LOGO_UNAVAILABLE', `The workspace logo could not be fetched: ${error.message}`, [
        { field, message: error.message },
      ]);
    }
  }
}
