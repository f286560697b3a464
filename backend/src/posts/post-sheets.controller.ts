import { Controller, Get, HttpCode, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { FileUpload, type Upload } from '../common/uploads';
import { PostsError } from './posts.errors';
import { PostSheets } from './post-sheets.service';

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'must be csv or xlsx' })
  format?: 'csv' | 'xlsx';
}

/** 100,000 rows (MAX_IMPORT_ROWS) of about a kilobyte each; the file goes to disk, never into memory. */
const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Bulk import (async, with progress at /api/v1/jobs/{id}) and export in the same CSV / XLSX format. */
class ImportStartedDto {
  @ApiProperty({
    description: 'Follow it at GET /api/v1/jobs/{job_id}: progress, then created posts and per-row errors',
  })
  job_id: string;
}

@ApiTags('posts')
@Controller('api/v1/posts')
export class PostSheetsController {
  constructor(private readonly sheets: PostSheets) {}

  @Post('import')
  @HttpCode(202)
  @RequirePermission('posts:write')
  @UseInterceptors(FileUpload('file', () => IMPORT_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportStartedDto })
  async import(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: Upload | undefined,
  ): Promise<{ job_id: string }> {
    if (!file)
      throw new PostsError('INVALID_IMPORT', 'Attach a CSV or XLSX file', [{ field: 'file', message: 'is required' }]);
    return { job_id: await this.sheets.start(workspace.workspaceId, principal, file) };
  }

  @Get('export')
  @RequirePermission('posts:read')
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'Every post, one row per variant' })
  async export(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'csv';
    const file = await this.sheets.export(workspace.workspaceId, format);
    // Streamed: the rows are read and written a page at a time while the download runs.
    await reply
      .type(CONTENT_TYPES[format])
      .header('Content-Disposition', `attachment; filename="posts.${format}"`)
      .send(file);
  }
}
