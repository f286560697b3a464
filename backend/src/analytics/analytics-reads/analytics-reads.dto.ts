import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { NETWORK_IDS, type NetworkId } from '../../connectors/network-limits';
import { QueueSlotDto } from '../../scheduling/queue-slots.controller';
import { BEST_CELLS } from './best-time-stats';

const n = (description?: string) => ApiProperty({ type: Number, nullable: true, description });
const day = () => ApiProperty({ example: '2026-11-30', description: 'YYYY-MM-DD in the workspace time zone' });

export class DayRangeDto {
  @day() from: string;
  @day() to: string;
}

export class ComparisonDto {
  @n() value: number | null;
  @n('The same figure over the previous period of equal length') previous: number | null;
  @n('value against previous, in percent') changePercent: number | null;
}

export class OverviewTotalsDto {
  @ApiProperty({ type: ComparisonDto, description: 'At the end of the period' }) followers: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) followersGained: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) impressions: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) reach: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) engagement: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) engagementRate: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) clicks: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) ctr: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) postsPublished: ComparisonDto;
}

export class OverviewDayDto {
  @day() day: string;
  @n() followers: number | null;
  @n('Gained that day') impressions: number | null;
  @n() reach: number | null;
  @n() engagement: number | null;
  @n() engagementRate: number | null;
  @ApiProperty() postsPublished: number;
}

export class NotProvidedDto {
  @ApiProperty({ example: 'reach' }) metric: string;
  @ApiProperty({ type: [String], example: ['x'] }) networks: string[];
}

export class OverviewDto extends DayRangeDto {
  @ApiProperty({ type: DayRangeDto }) previous: DayRangeDto;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: OverviewTotalsDto }) totals: OverviewTotalsDto;
  @ApiProperty({ type: [OverviewDayDto] }) series: OverviewDayDto[];
  @ApiProperty({
    type: [OverviewDayDto],
    description:
      "The previous period's days, in order: the nth beside the nth day of series (compare-to-previous lines)",
  })
  previousSeries: OverviewDayDto[];
  @ApiProperty({ type: [NotProvidedDto], description: 'Metrics some networks in scope do not provide' })
  notProvided: NotProvidedDto[];
}

export class PostMetricsDto {
  @n() impressions: number | null;
  @n() reach: number | null;
  @n('Link clicks') clicks: number | null;
  @n() reactions: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    example: { like: 12, love: 3 },
    description: 'Reactions by kind, where the network tells them apart',
  })
  reactionsByType: Record<string, number> | null;
  @n() comments: number | null;
  @n() shares: number | null;
  @n() saves: number | null;
  @n() videoViews: number | null;
  @n() engagement: number | null;
  @n() engagementRate: number | null;
  @n() ctr: number | null;
}

export class AnalyticsPostDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) postId: string | null;
  @ApiProperty({ type: String, nullable: true }) variantId: string | null;
  @ApiProperty() accountId: string;
  @ApiProperty() network: string;
  @ApiProperty({ description: 'Published outside the platform' }) external: boolean;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty() postType: string;
  @ApiProperty({ type: PostMetricsDto }) metrics: PostMetricsDto;
  @ApiProperty({ type: String, nullable: true, enum: ['reach', 'impressions'] }) rateBasis: string | null;
  @ApiProperty({ type: [String], description: 'Metrics the network does not provide for this post' })
  notProvided: string[];
}

export class AnalyticsPostPageDto {
  @ApiProperty({ type: [AnalyticsPostDto] }) items: AnalyticsPostDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class MetricsPointDto {
  @ApiProperty({ format: 'date-time' }) takenAt: string;
  @n() impressions: number | null;
  @n() reach: number | null;
  @n() clicks: number | null;
  @n() reactions: number | null;
  @n() comments: number | null;
  @n() shares: number | null;
  @n() saves: number | null;
  @n() videoViews: number | null;
}

export class AnalyticsPostDetailDto {
  @ApiProperty({ type: AnalyticsPostDto }) post: AnalyticsPostDto;
  @ApiProperty({ type: [MetricsPointDto] }) series: MetricsPointDto[];
}

export class PostVariantsAnalyticsDto {
  @ApiProperty({ type: [AnalyticsPostDetailDto], description: 'One per published variant (empty before any)' })
  variants: AnalyticsPostDetailDto[];
}

export class AccountRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() network: string;
}

export class AccountDayDto {
  @day() day: string;
  @n() followers: number | null;
  @n() following: number | null;
  @n() impressions: number | null;
  @n() reach: number | null;
  @n() engagement: number | null;
  @n() engagementRate: number | null;
  @ApiProperty() postsPublished: number;
}

export class WeekPostsDto {
  @ApiProperty({ example: '2026-11-23', description: 'Monday of the week' }) weekStart: string;
  @ApiProperty() posts: number;
}

export class MixRowDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() posts: number;
  @n() engagement: number | null;
  @n() engagementRate: number | null;
}

export class ContentMixDto {
  @ApiProperty({ type: [MixRowDto] }) byPostType: MixRowDto[];
  @ApiProperty({ type: [MixRowDto] }) byNetwork: MixRowDto[];
  @ApiProperty({ type: [MixRowDto] }) byLabel: MixRowDto[];
}

export class AccountAnalyticsDto extends DayRangeDto {
  @ApiProperty({ type: AccountRefDto }) account: AccountRefDto;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why metrics cannot be read (e.g. a missing permission)' })
  unavailableReason: string | null;
  @ApiProperty({ type: [AccountDayDto] }) series: AccountDayDto[];
  @ApiProperty({
    type: [AccountDayDto],
    description: "The previous period's days, in order: the nth beside the nth day of series",
  })
  previousSeries: AccountDayDto[];
  @ApiProperty({ type: [WeekPostsDto] }) frequency: WeekPostsDto[];
  @ApiProperty({ type: ContentMixDto }) mix: ContentMixDto;
}

export class TopPostDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @n() engagement: number | null;
}

export class HashtagRowDto {
  @ApiProperty({ example: 'autumnmenu', description: 'Lower case, without #' }) tag: string;
  @ApiProperty() posts: number;
  @n() impressions: number | null;
  @n() reach: number | null;
  @n() clicks: number | null;
  @n() engagement: number | null;
  @n() engagementRate: number | null;
  @n() ctr: number | null;
  @ApiProperty({ type: [TopPostDto] }) topPosts: TopPostDto[];
}

export class HashtagTableDto extends DayRangeDto {
  @ApiProperty({ type: [HashtagRowDto] }) items: HashtagRowDto[];
}

export class HeatmapCellDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }) weekday: number;
  @ApiProperty({ minimum: 0, maximum: 23 }) hour: number;
  @ApiProperty({ description: 'Posts published in this hour of the week' }) posts: number;
  @n('Engagement rate; null below minPosts posts') value: number | null;
}

export class WeekHourDto {
  @ApiProperty() weekday: number;
  @ApiProperty() hour: number;
}

export class BestTimesDto {
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ['engagementRate'] }) basis: 'engagementRate';
  @ApiProperty() minPosts: number;
  @ApiProperty() enoughData: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'What is missing when there is not enough history' })
  message: string | null;
  @ApiProperty({ type: [HeatmapCellDto], description: '168 cells, Monday 00:00 first' }) cells: HeatmapCellDto[];
  @ApiProperty({ type: [WeekHourDto], description: 'Best first; empty without enough data' }) best: WeekHourDto[];
}

export class BestTimesToQueueDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an account id' })
  accountId: string;

  @ApiProperty({ minimum: 1, maximum: BEST_CELLS, description: 'How many best times become queue slots' })
  @IsInt()
  @Min(1)
  @Max(BEST_CELLS)
  count: number;
}

export class QueueSlotsResultDto {
  @ApiProperty({ type: [QueueSlotDto], description: "The account's queue slots now" }) slots: QueueSlotDto[];
}

export class MemberRowDto {
  @ApiProperty() memberId: string;
  @ApiProperty() name: string;
  @ApiProperty() postsCreated: number;
  @ApiProperty() postsPublished: number;
  @n() averageEngagementRate: number | null;
}

export class MemberTableDto extends DayRangeDto {
  @ApiProperty({ type: [MemberRowDto] }) items: MemberRowDto[];
}

export class CompetitorRowDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['competitor', 'own'] }) kind: 'competitor' | 'own';
  @ApiProperty() network: string;
  @ApiProperty() handle: string;
  @ApiProperty() name: string;
  @n() followers: number | null;
  @n() followersGained: number | null;
  @ApiProperty() postsPerWeek: number;
  @n('Engagement per post per follower × 100') engagementRate: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { photo: 4, video: 1 },
    description: 'Posts published in the range by post type',
  })
  mix: Record<string, number>;
  @ApiProperty({ type: String, nullable: true }) unavailableReason: string | null;
}

export class CompetitorTableDto extends DayRangeDto {
  @ApiProperty({ type: [CompetitorRowDto] }) items: CompetitorRowDto[];
  @ApiProperty({ type: [CompetitorRowDto], description: "The workspace's own accounts, for comparison" })
  own: CompetitorRowDto[];
}

export class CompetitorDayDto {
  @day() day: string;
  @n() followers: number | null;
  @ApiProperty() postsPublished: number;
  @n() engagementRate: number | null;
}

export class CompetitorDetailDto extends DayRangeDto {
  @ApiProperty({ type: CompetitorRowDto }) competitor: CompetitorRowDto;
  @ApiProperty({ type: [CompetitorDayDto] }) series: CompetitorDayDto[];
}

export class AddCompetitorDto {
  @ApiProperty({ enum: NETWORK_IDS })
  @IsIn(NETWORK_IDS, { message: `must be one of ${NETWORK_IDS.join(', ')}` })
  network: NetworkId;

  @ApiProperty({ example: '@acme_coffee', maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  @Matches(/^@?[\p{L}\p{N}_.]+$/u, { message: 'must be a handle such as @acme_coffee' })
  handle: string;
}
