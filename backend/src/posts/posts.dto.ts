import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Text } from '../common/fields';
import { PageQuery } from '../common/pagination';
import { POST_TYPES, type NetworkId, type PostType } from '../connectors/network-limits';
import type { RuleViolation } from '../connectors/variant-validation';
import type { ScheduleType } from '../scheduling/schedule.entity';
import { POST_STATES, type PostState } from './post.entity';
import type { VariantOptions, VariantState } from './post-variant.entity';

export class VariantInputDto {
  @IsUUID('all', { message: 'must be an account id' })
  accountId: string;

  @ApiPropertyOptional({ description: "This account's own text; the post's text when absent" })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string;

  @IsOptional()
  @IsIn(POST_TYPES, { message: `must be one of ${POST_TYPES.join(', ')}` })
  postType?: PostType;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be media ids' })
  mediaIds?: string[];

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;

  @ApiPropertyOptional({ description: 'Network options (thread parts, poll options, first comment …)' })
  @IsOptional()
  @IsObject()
  options?: VariantOptions;
}

export const SCHEDULE_TYPES = ['single', 'queue', 'recurring', 'evergreen'] as const;

export class ScheduleInputDto {
  @IsIn(SCHEDULE_TYPES, { message: `must be one of ${SCHEDULE_TYPES.join(', ')}` })
  type: ScheduleType;

  @ApiPropertyOptional({ description: 'single: when; recurring and evergreen: the first occurrence' })
  @ValidateIf((s: ScheduleInputDto) => s.type === 'single' || s.at !== undefined)
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  at?: string;

  @ValidateIf((s: ScheduleInputDto) => s.type === 'recurring')
  @IsString()
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ description: "IANA time zone; the workspace's by default" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ValidateIf((s: ScheduleInputDto) => s.type === 'evergreen')
  @IsInt()
  @Min(1)
  @Max(365)
  intervalDays?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxRepeats?: number;

  @IsOptional()
  @IsISO8601({ strict: true })
  endAt?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  skipIfPublishedWithinDays?: number;
}

export class CreatePostDto {
  @IsOptional()
  @Text(200)
  title?: string;

  @IsString()
  @MaxLength(10_000)
  text: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'must not be empty' })
  @MaxLength(50, { each: true })
  labels?: string[];

  @IsArray()
  @ArrayMinSize(1, { message: 'must target at least one account' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants: VariantInputDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule?: ScheduleInputDto;
}

export class UpdatePostDto {
  @IsOptional()
  @Text(200)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'must not be empty' })
  @MaxLength(50, { each: true })
  labels?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must target at least one account' })
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants?: VariantInputDto[];

  @ApiPropertyOptional({ description: 'null turns the post back into a draft' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule?: ScheduleInputDto | null;
}

export class RescheduleDto {
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule: ScheduleInputDto;
}

export class MovePostDto {
  @IsIn(['draft', 'scheduled', 'pending_approval'], { message: 'must be draft, scheduled or pending_approval' })
  to: 'draft' | 'scheduled' | 'pending_approval';
}

export class PostListQueryDto extends PageQuery {
  @IsOptional() @IsUUID('all') account?: string;
  @IsOptional() @IsUUID('all') member?: string;
  @IsOptional() @IsIn(POST_STATES) state?: PostState;
  @IsOptional() @IsIn(POST_TYPES) type?: PostType;
  @IsOptional() @IsString() @MaxLength(50) label?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class VariantDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty() network: NetworkId;
  @ApiProperty({ description: 'The text that goes out (the post text unless the variant has its own)' })
  text: string;
  @ApiProperty() ownText: boolean;
  @ApiProperty() postType: PostType;
  @ApiProperty({ nullable: true }) link: string | null;
  @ApiProperty() mediaIds: string[];
  @ApiProperty() options: VariantOptions;
  @ApiProperty() state: VariantState;
  @ApiProperty({ nullable: true }) scheduledAt: string | null;
  @ApiProperty({ nullable: true }) publishedAt: string | null;
  @ApiProperty({ nullable: true }) externalId: string | null;
  @ApiProperty({ nullable: true }) externalUrl: string | null;
  @ApiProperty({ nullable: true }) lastError: string | null;
  @ApiProperty({ description: 'Rules of the network this variant breaks (a draft may; a schedule may not)' })
  problems: RuleViolation[];
}

export class ScheduleDto {
  @ApiProperty() type: ScheduleType;
  @ApiProperty() timeZone: string;
  @ApiProperty({ nullable: true }) at: string | null;
  @ApiProperty({ nullable: true }) rrule: string | null;
  @ApiProperty({ nullable: true }) evergreen: Record<string, unknown> | null;
  @ApiProperty() occurrences: number;
}

export class PostDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true }) title: string | null;
  @ApiProperty() text: string;
  @ApiProperty() state: PostState;
  @ApiProperty() source: string;
  @ApiProperty({ nullable: true }) authorId: string | null;
  @ApiProperty() labels: string[];
  @ApiProperty({ type: ScheduleDto, nullable: true }) schedule: ScheduleDto | null;
  @ApiProperty({ nullable: true, description: 'The earliest time a variant goes out next' }) nextRunAt: string | null;
  @ApiProperty({ type: [VariantDto] }) variants: VariantDto[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class VariantPreviewDto {
  @ApiProperty() accountId: string;
  @ApiProperty() network: NetworkId;
  @ApiProperty() networkLabel: string;
  @ApiProperty() text: string;
  @ApiProperty() postType: PostType;
  @ApiProperty({ description: "The text's length as the network counts it" }) length: number;
  @ApiProperty() maxLength: number;
  @ApiProperty() problems: RuleViolation[];
}
