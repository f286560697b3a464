import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
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
import { NETWORK_IDS, POST_TYPES, type NetworkId, type PostType } from '../connectors/network-limits';
import type { RuleViolation } from '../connectors/variant-validation';
import type { ScheduleType } from '../scheduling/schedule.entity';
import { POST_STATES, type PostState } from './post.entity';
import { VARIANT_STATES, type VariantOptions, type VariantState } from './post-variant.entity';

/** A rule of a network that a variant breaks. */
export class RuleViolationDto {
  @ApiProperty({ example: 'text' }) field: string;
  @ApiProperty({ example: 'Sandbox allows 500 characters' }) message: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'string' }], description: 'The limit broken' })
  limit?: number | string;
}

const OPTIONS_DOC = {
  type: 'object',
  additionalProperties: {
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
  },
  description:
    'Network options: pollOptions and pollDurationMinutes (poll posts), title (a video, document, article or LinkedIn poll question), firstComment; GET /networks says which each post type takes. Connectors read others of their own (X and Bluesky: thread, the replies after the first post; Bluesky: altTexts, one per media item)',
  example: { pollOptions: ['Yes', 'No'], pollDurationMinutes: 1440, firstComment: 'Tell us why below' },
} satisfies ApiPropertyOptions;

export class VariantInputDto {
  @ApiProperty({ format: 'uuid', description: 'The social account to post to' })
  @IsUUID('all', { message: 'must be an account id' })
  accountId: string;

  @ApiPropertyOptional({ description: "This account's own text; the post's text when absent" })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({ enum: POST_TYPES, description: 'The post type (the network default when absent)' })
  @IsOptional()
  @IsIn(POST_TYPES, { message: `must be one of ${POST_TYPES.join(', ')}` })
  postType?: PostType;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'Media library ids, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'must be media ids' })
  mediaIds?: string[];

  @ApiPropertyOptional({ format: 'uri', maxLength: 2048, example: 'https://example.com/launch' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(2048)
  link?: string;

  @ApiPropertyOptional(OPTIONS_DOC)
  @IsOptional()
  @IsObject()
  options?: VariantOptions;
}

export const SCHEDULE_TYPES = ['single', 'queue', 'best-time', 'recurring', 'evergreen'] as const;
/** What a request may ask for: `now` is stored as a single time, the server's now (no client clock involved). */
export const SCHEDULE_INPUT_TYPES = ['now', ...SCHEDULE_TYPES] as const;

export class ScheduleInputDto {
  @ApiProperty({
    enum: SCHEDULE_INPUT_TYPES,
    description:
      "now: publish at once; single: once at `at`; queue: each account's next free slot; best-time: each account's next best time from its analytics (an account with too little history takes its next queue slot; the schedule reads queue when every account did); recurring: by `rrule`; evergreen: again every `intervalDays`",
  })
  @IsIn(SCHEDULE_INPUT_TYPES, { message: `must be one of ${SCHEDULE_INPUT_TYPES.join(', ')}` })
  type: ScheduleType | 'now';

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'single: when; recurring and evergreen: the first occurrence',
    example: '2027-06-01T09:00:00Z',
  })
  @ValidateIf((s: ScheduleInputDto) => s.type === 'single' || s.at !== undefined)
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  at?: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'recurring: an RFC 5545 rule', example: 'FREQ=WEEKLY;BYDAY=MO' })
  @ValidateIf((s: ScheduleInputDto) => s.type === 'recurring')
  @IsString()
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ description: "IANA time zone; the workspace's by default" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 365, description: 'evergreen: days between posts' })
  @ValidateIf((s: ScheduleInputDto) => s.type === 'evergreen')
  @IsInt()
  @Min(1)
  @Max(365)
  intervalDays?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    description: 'recurring, evergreen: at most this many times',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxRepeats?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'recurring, evergreen: no occurrence after this' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endAt?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 365,
    description: 'evergreen: skip an occurrence if the post went out within this many days',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  skipIfPublishedWithinDays?: number;
}

export class CreatePostDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Only for your team' })
  @IsOptional()
  @Text(200)
  title?: string;

  @ApiProperty({ maxLength: 10_000, example: 'Big news: our #launch is live' })
  @IsString()
  @MaxLength(10_000)
  text: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['launch'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'must not be empty' })
  @MaxLength(50, { each: true })
  labels?: string[];

  @ApiProperty({ type: [VariantInputDto], minItems: 1, maxItems: 50, description: 'One per account' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must target at least one account' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants: VariantInputDto[];

  @ApiPropertyOptional({ type: ScheduleInputDto, description: 'Absent: a draft' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule?: ScheduleInputDto;
}

export class UpdatePostDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Text(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  text?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'must not be empty' })
  @MaxLength(50, { each: true })
  labels?: string[];

  @ApiPropertyOptional({ type: [VariantInputDto], minItems: 1, description: 'Replaces the variants' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must target at least one account' })
  @ValidateNested({ each: true })
  @Type(() => VariantInputDto)
  variants?: VariantInputDto[];

  @ApiPropertyOptional({ type: ScheduleInputDto, nullable: true, description: 'null turns the post back into a draft' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule?: ScheduleInputDto | null;
}

export class RescheduleDto {
  @ApiProperty({ type: () => ScheduleInputDto })
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule: ScheduleInputDto;
}

export const BOARD_MOVES = ['draft', 'scheduled', 'pending_approval'] as const;

export class MovePostDto {
  @ApiProperty({
    enum: BOARD_MOVES,
    description: 'pending_approval opens an approval request; moving out of it withdraws the open one',
  })
  @IsIn(BOARD_MOVES, { message: `must be ${BOARD_MOVES.join(', ')}` })
  to: (typeof BOARD_MOVES)[number];
}

export class PostListQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Posts with a variant for this account' })
  @IsOptional()
  @IsUUID('all')
  account?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Posts this member wrote' })
  @IsOptional()
  @IsUUID('all')
  member?: string;
  @ApiPropertyOptional({ enum: POST_STATES }) @IsOptional() @IsIn(POST_STATES) state?: PostState;
  @ApiPropertyOptional({ enum: POST_TYPES }) @IsOptional() @IsIn(POST_TYPES) type?: PostType;
  @ApiPropertyOptional({ maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) label?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Scheduled or published at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Scheduled or published before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class VariantDto {
  @ApiProperty() id: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty({ description: 'The text that goes out (the post text unless the variant has its own)' })
  text: string;
  @ApiProperty() ownText: boolean;
  @ApiProperty({ enum: POST_TYPES }) postType: PostType;
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty({ type: [String] }) mediaIds: string[];
  @ApiProperty(OPTIONS_DOC) options: VariantOptions;
  @ApiProperty({ enum: VARIANT_STATES }) state: VariantState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scheduledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The post's id on the network" }) externalId: string | null;
  @ApiProperty({ type: String, nullable: true }) externalUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({
    type: [RuleViolationDto],
    description: 'Rules of the network this variant breaks (a draft may; a schedule may not)',
  })
  problems: RuleViolation[];
}

export class EvergreenDto {
  @ApiProperty({ type: 'integer' }) intervalDays: number;
  @ApiProperty({ type: 'integer', nullable: true }) maxRepeats: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) skipIfPublishedWithinDays: number | null;
}

export class ScheduleDto {
  @ApiProperty({ enum: SCHEDULE_TYPES }) type: ScheduleType;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) at: string | null;
  @ApiProperty({ type: String, nullable: true }) rrule: string | null;
  @ApiProperty({ type: EvergreenDto, nullable: true }) evergreen: Record<string, unknown> | null;
  @ApiProperty({ type: 'integer', description: 'How many times it went out so far' }) occurrences: number;
}

/** A post's latest approval request. */
export class PostApprovalDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['pending', 'approved', 'declined', 'expired', 'withdrawn'] }) status: string;
  @ApiProperty({ type: String, nullable: true, description: "The approver's note (why it was declined)" })
  reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
}

export class PostDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ enum: POST_STATES }) state: PostState;
  @ApiProperty({ description: 'composer, api, import or automation' }) source: string;
  @ApiProperty({ type: String, nullable: true }) authorId: string | null;
  @ApiProperty({ type: [String] }) labels: string[];
  @ApiProperty({ type: ScheduleDto, nullable: true }) schedule: ScheduleDto | null;
  @ApiProperty({ type: PostApprovalDto, nullable: true, description: 'Its latest approval request, if any' })
  approval: PostApprovalDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The earliest time a variant goes out next',
  })
  nextRunAt: string | null;
  @ApiProperty({ type: [VariantDto] }) variants: VariantDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class VariantPreviewDto {
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty() networkLabel: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: POST_TYPES }) postType: PostType;
  @ApiProperty({ type: 'integer', description: "The text's length as the network counts it" }) length: number;
  @ApiProperty({ type: 'integer' }) maxLength: number;
  @ApiProperty({ type: [RuleViolationDto] }) problems: RuleViolation[];
}

export class RepeatRuleDto {
  @ApiProperty({ enum: ['recurring', 'evergreen'] }) type: 'recurring' | 'evergreen';
  @ApiProperty({ type: String, nullable: true, example: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=0' })
  rrule: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Evergreen: days between posts' })
  intervalDays: number | null;
}

export class CalendarEntryDto {
  @ApiProperty() postId: string;
  @ApiProperty() variantId: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ enum: NETWORK_IDS }) network: NetworkId;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: "The variant's state, or its attempt's (needs_review)" }) state: string;
  @ApiProperty({ enum: POST_TYPES }) postType: PostType;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: "The variant's first media item" }) mediaId: string | null;
  @ApiProperty({ description: 'A later occurrence of a recurring or evergreen post (not yet a job)' }) repeat: boolean;
  @ApiProperty({ type: RepeatRuleDto, nullable: true, description: "A repeat's rule, for its words" })
  repeatRule: RepeatRuleDto | null;
}

export class LabelDto {
  @ApiProperty({ maxLength: 50 }) name: string;
  @ApiProperty({ example: '#2563eb' }) color: string;
}

export class QuotaWarningDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() accountId: string;
  @ApiProperty({ description: "The network's quota, e.g. posts per 24 hours" }) quota: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) max: number;
}

export class CalendarRangeDto {
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: [CalendarEntryDto] }) entries: CalendarEntryDto[];
  @ApiProperty({
    type: [QuotaWarningDto],
    description: 'Days near an account quota; empty when a label, author, state or type filter shows only some posts',
  })
  quotaWarnings: QuotaWarningDto[];
  @ApiProperty({ type: 'integer', description: 'Occurrences of fast repeating rules left out of the range' })
  more: number;
}

export class BoardColumnDto {
  @ApiProperty({ enum: POST_STATES }) state: PostState;
  @ApiProperty({ type: [PostDto], description: 'The newest 50 posts in this state' }) posts: PostDto[];
  @ApiProperty({ description: 'More posts are in this state than shown' }) more: boolean;
}

export class BoardDto {
  @ApiProperty({ type: [BoardColumnDto] }) columns: BoardColumnDto[];
}
