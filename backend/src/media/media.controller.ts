import { Body, Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Inject } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentPrincipal, CurrentWorkspace, Public, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { notFound } from '../common/common.errors';
import { FileUpload, type Upload } from '../common/uploads';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import type { NetworkId } from '../connectors/network-limits';
import { MediaItemDto } from './media.dto';
import { MediaError } from './media.errors';
import { MEDIA_STORE } from './media-store.provider';
import { MediaUploads } from './media-uploads.service';
import type { BlobStore } from './storage/blob-store';
import { LocalDirectoryStore } from './storage/local-directory-store';
import { mediaHeaders } from './storage/served-as';

export class NetworkQueryDto {
  @ApiProperty({ enum: Object.keys(NETWORK_LIMITS), description: 'The network whose rules the file must meet' })
  @IsIn(Object.keys(NETWORK_LIMITS), { message: `must be one of ${Object.keys(NETWORK_LIMITS).join(', ')}` })
  network: NetworkId;
}

class UploadQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Upload into this folder (absent: the root)' })
  @IsOptional()
  @IsUUID('all')
  folderId?: string;
}

class MediaFixDto {
  @ApiProperty({ enum: ['crop-aspect', 'convert', 'shrink'] }) kind: string;
  @ApiProperty({ example: 'Crop to 4:5 for Instagram' }) description: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'crop-aspect: the aspect range {min, max}',
  })
  target?: Record<string, number>;
  @ApiPropertyOptional({ enum: ['image/jpeg'], description: 'convert: the type' }) to?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'shrink: the size to get under' }) maxBytes?: number;
}

class MediaFixesDto {
  @ApiProperty({ type: [MediaFixDto], description: 'Empty when the file already fits' }) fixes: MediaFixDto[];
}

@ApiTags('media')
@Controller()
export class MediaController {
  constructor(
    private readonly uploads: MediaUploads,
    @Inject(MEDIA_STORE) private readonly store: BlobStore,
  ) {}

  @Post('api/v1/media')
  @RequirePermission('media:write')
  @UseInterceptors(FileUpload('file', (config) => config.media.maxUploadBytes))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: MediaItemDto })
  upload(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: Upload | undefined,
    @Query() query: UploadQueryDto,
  ): Promise<MediaItemDto> {
    if (!file) throw new MediaError('FILE_REQUIRED', undefined, [{ field: 'file', message: 'is required' }]);
    return this.uploads.upload(workspace.workspaceId, principal.userId, file, query.folderId ?? null);
  }

  /** The fixes that would make the item fit a network's rules (crop, convert, shrink). */
  @Get('api/v1/media/:id/fixes')
  @RequirePermission('media:read')
  @ApiOkResponse({ type: MediaFixesDto })
  async fixes(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Query() query: NetworkQueryDto,
  ) {
    return { fixes: await this.uploads.fixesFor(workspace.workspaceId, id, query.network) };
  }

  /** One click in the composer: a fixed copy as a new item; the original is kept. */
  @Post('api/v1/media/:id/auto-fix')
  @RequirePermission('media:write')
  @ApiCreatedResponse({ type: MediaItemDto })
  autoFix(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: NetworkQueryDto,
  ): Promise<MediaItemDto> {
    return this.uploads.autoFix(workspace.workspaceId, principal.userId, id, body.network);
  }

  /** Files of the local store, for whoever holds a signed URL (browsers, networks fetching media). */
  @Get('media/*')
  @Public()
  @ApiProduces('image/*', 'video/*', 'application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file (signed URL only)' })
  async serve(
    @Param('*') path: string,
    @Query('expires') expires: string,
    @Query('signature') signature: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!(this.store instanceof LocalDirectoryStore) || !this.store.verify(path, Number(expires), signature ?? '')) {
      throw notFound('Media file');
    }
    const type = path.endsWith('.jpg') ? 'image/jpeg' : await this.uploads.mimeTypeOf(path);
    await reply
      .headers(mediaHeaders(type))
      .header('Cache-Control', 'private, max-age=3600')
      .send(await this.store.get(path));
  }
}
