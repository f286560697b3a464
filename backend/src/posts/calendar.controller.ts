import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { CommonError } from '../common/common.errors';
import { pageOf, type Page } from '../common/pagination';
import { NETWORK_IDS, NetworkId, POST_TYPES, PostType } from '../connectors/network-limits';
import { CalendarService } from './calendar.service';
import { POST_STATES, PostState } from './post.entity';
import { BoardDto, CalendarRangeDto, LabelDto } from './posts.dto';
import { PostsService } from './posts.service';

export class CalendarQueryDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the range (inclusive)' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  from: string;

  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  @ApiProperty({ format: 'date-time', description: 'End of the range (exclusive), at most 62 days after from' })
  to: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') account?: string;
  @ApiPropertyOptional({ enum: NETWORK_IDS, description: "Posts to the workspace's accounts on this network" })
  @IsOptional()
  @IsIn(NETWORK_IDS, { message: `must be one of ${NETWORK_IDS.join(', ')}` })
  network?: NetworkId;
  @ApiPropertyOptional({ maxLength: 50, description: 'Posts with the label of this name' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  label?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Posts this member wrote' })
  @IsOptional()
  @IsUUID('all')
  author?: string;
  @ApiPropertyOptional({ enum: [...POST_STATES, 'needs_review'] })
  @IsOptional()
  @IsIn([...POST_STATES, 'needs_review'])
  state?: PostState | 'needs_review';
  @ApiPropertyOptional({ enum: POST_TYPES }) @IsOptional() @IsIn(POST_TYPES) type?: PostType;
}

const MAX_RANGE_DAYS = 62;
const BOARD_COLUMNS: PostState[] = ['draft', 'pending_approval', 'scheduled', 'publishing', 'published', 'failed'];

@ApiTags('posts')
@Controller('api/v1')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly posts: PostsService,
  ) {}

  @Get('calendar')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: CalendarRangeDto })
  calendarRange(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: CalendarQueryDto) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      throw new CommonError('VALIDATION', `to must be after from, at most ${MAX_RANGE_DAYS} days later`, [
        { field: 'to', message: `must be after from, at most ${MAX_RANGE_DAYS} days later` },
      ]);
    }
    return this.calendar.range(workspace.workspaceId, { ...query, from, to });
  }

  /** Every label of the workspace, by name: one page, a workspace's labels are a short vocabulary. */
  @Get('labels')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: pageOf(LabelDto) })
  async labels(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<LabelDto>> {
    return { items: await this.posts.labels(workspace.workspaceId), nextCursor: null };
  }

  /** The kanban board: the newest posts of each state. */
  @Get('board')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: BoardDto })
  async board(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return { columns: await this.posts.newestByState(workspace.workspaceId, BOARD_COLUMNS, 50) };
  }
}
