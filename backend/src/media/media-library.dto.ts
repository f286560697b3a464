import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type { MediaKind } from '../connectors/network-limits';
import { MEDIA_KINDS, MediaItemDto } from './media.dto';

export const MAX_TAG_LENGTH = 50;

/**
 * The library's filters. Not a PageQuery: the grid pages up to 200 items, and class-validator
 * would keep PageQuery's maximum of 100 alongside an override.
 */
export class MediaListQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the file name (any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ maxLength: MAX_TAG_LENGTH }) @IsOptional() @IsString() @MaxLength(MAX_TAG_LENGTH) tag?: string;

  @ApiPropertyOptional({ enum: MEDIA_KINDS })
  @IsOptional()
  @IsIn(MEDIA_KINDS, { message: `must be one of ${MEDIA_KINDS.join(', ')}` })
  kind?: MediaKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'Items this member uploaded' })
  @IsOptional()
  @IsUUID('all')
  uploadedBy?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Uploaded at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Uploaded before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: "A folder's id, or 'root' for items in no folder" })
  @IsOptional()
  @ValidateIf((o: MediaListQueryDto) => o.folderId !== 'root')
  @IsUUID('all', { message: "must be a folder id or 'root'" })
  folderId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: starred items only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  favourite?: boolean;
}

/**
 * Tags are trimmed and lower-cased, the same tag twice is one: "Launch" and "launch" are one tag on
 * every database (SQL Server compares without case, PostgreSQL with it).
 */
const tagList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t)))] : value;

export class UpdateMediaDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 255, description: 'Trimmed' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(/^[^/\\]+$/, { message: 'must not contain / or \\' })
  fileName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'null: move to the root' })
  @IsOptional()
  @IsUUID('all')
  folderId?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 30, description: 'Replaces the item’s tags' })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_TAG_LENGTH, { each: true })
  tags?: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() favourite?: boolean;
}

export class DeleteMediaQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: delete even though drafts use it (they lose it)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  confirm?: boolean;
}

export class CopyMediaDto {
  @ApiProperty({ format: 'uuid', description: 'A workspace where you may upload media' })
  @IsUUID('all')
  workspaceId: string;
}

export class MediaUseDto {
  @ApiProperty() postId: string;
  @ApiProperty({ description: 'The start of the post text' }) excerpt: string;
  @ApiProperty({ enum: ['draft', 'pending_approval', 'scheduled', 'publishing', 'published', 'failed'] })
  state: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scheduledAt: string | null;
}

/** The 409 of a refused delete (problem+json), with the posts that hold the item. */
export class MediaInUseProblemDto {
  @ApiProperty() type: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ enum: ['MEDIA_IN_USE', 'MEDIA_USED_BY_DRAFTS'] }) code: string;
  @ApiProperty() detail: string;
  @ApiProperty({ type: [MediaUseDto], description: 'MEDIA_IN_USE: the scheduled or pending posts; else the drafts' })
  posts: MediaUseDto[];
}

export class MediaDetailDto extends MediaItemDto {
  @ApiProperty({ type: [MediaUseDto], description: 'Posts whose variants carry the item' }) usage: MediaUseDto[];
}

export class MediaTagCountDto {
  @ApiProperty() tag: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class MediaTagsDto {
  @ApiProperty({ type: [MediaTagCountDto], description: 'Every tag in use, most used first' })
  items: MediaTagCountDto[];
}
