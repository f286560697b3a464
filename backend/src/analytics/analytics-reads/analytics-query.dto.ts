import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { NETWORK_IDS, NetworkId } from '../../connectors/network-limits';
import { isCalendarDay } from './date-range';
import { POST_METRIC_NAMES } from '../metric-columns';

/** `a,b,c` (or a repeated parameter) as a list without blanks. */
const commaList = () =>
  Transform(({ value }: { value: unknown }) => {
    const parts = ([] as unknown[]).concat(value).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
    return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
  });

const CalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: { validate: isCalendarDay, defaultMessage: () => 'must be a day written YYYY-MM-DD' },
  });

export const READ_FORMATS = ['json', 'csv'] as const;
export type ReadFormat = (typeof READ_FORMATS)[number];

/** `?format=csv` answers a table read as a CSV download. */
export class FormatQueryDto {
  @ApiPropertyOptional({ enum: READ_FORMATS, default: 'json', description: 'csv: the same table as a CSV file' })
  @IsOptional()
  @IsIn(READ_FORMATS, { message: 'must be json or csv' })
  format?: ReadFormat;
}

/** The filters every analytics read shares. */
export class AnalyticsQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'First day, in the workspace time zone (default: 29 days before to)',
  })
  @IsOptional()
  @CalendarDay()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Last day, included (default: today in the workspace time zone)',
  })
  @IsOptional()
  @CalendarDay()
  to?: string;

  @ApiPropertyOptional({ type: String, description: 'Account ids, comma-separated' })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be account ids separated by commas' })
  accounts?: string[];

  @ApiPropertyOptional({ type: String, description: `Networks, comma-separated: ${NETWORK_IDS.join(', ')}` })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(NETWORK_IDS.length)
  @IsIn(NETWORK_IDS, { each: true, message: `must be networks among ${NETWORK_IDS.join(', ')}` })
  networks?: NetworkId[];

  @ApiPropertyOptional({ type: String, description: 'Label names, comma-separated: posts with any of them' })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(50, { each: true, message: 'must be label names of up to 50 characters, separated by commas' })
  labels?: string[];
}

export const POST_SORTS = ['publishedAt', ...POST_METRIC_NAMES] as const;
export type PostSort = (typeof POST_SORTS)[number];

export class AnalyticsPostsQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: POST_SORTS, default: 'publishedAt' })
  @IsOptional()
  @IsIn(POST_SORTS, { message: `must be one of ${POST_SORTS.join(', ')}` })
  sort?: PostSort;

  @ApiPropertyOptional({
    enum: ['desc', 'asc'],
    default: 'desc',
    description: 'Posts without the metric come last either way',
  })
  @IsOptional()
  @IsIn(['desc', 'asc'], { message: 'must be desc or asc' })
  order?: 'desc' | 'asc';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same sort and filters)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only posts published outside the platform' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  external?: 'true' | 'false';
}

export const HASHTAG_SORTS = [
  'posts',
  'impressions',
  'reach',
  'clicks',
  'engagement',
  'engagementRate',
  'ctr',
] as const;
export type HashtagSort = (typeof HASHTAG_SORTS)[number];

export class HashtagsQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({
    enum: HASHTAG_SORTS,
    default: 'engagement',
    description: 'posts: how many posts used the tag; the rest: their sums or rates in the range',
  })
  @IsOptional()
  @IsIn(HASHTAG_SORTS, { message: `must be one of ${HASHTAG_SORTS.join(', ')}` })
  sort?: HashtagSort;

  @ApiPropertyOptional({
    enum: ['desc', 'asc'],
    default: 'desc',
    description: 'Tags without the value (a rate with nothing to divide by) come last either way',
  })
  @IsOptional()
  @IsIn(['desc', 'asc'], { message: 'must be desc or asc' })
  order?: 'desc' | 'asc';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class BestTimesQueryDto extends FormatQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One account (default: every account of the workspace)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an account id' })
  account?: string;

  @ApiPropertyOptional({ enum: NETWORK_IDS, description: 'Every account of one network' })
  @IsOptional()
  @IsIn(NETWORK_IDS, { message: `must be one of ${NETWORK_IDS.join(', ')}` })
  network?: NetworkId;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100,
    default: 3,
    description: 'Posts a cell needs before it is given a value',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  minPosts?: number;
}
