import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import {
  CalendarDayPageDto,
  CalendarDayQueryDto,
  CalendarDaysDto,
  CalendarDaysQueryDto,
  rangeOf,
} from './calendar-days.dto';
import { CalendarService } from './calendar.service';

/** The calendar by day: what a month or week view shows (counts and the first entries of each day), and one day's list. */
@ApiTags('posts')
@Controller('api/v1/calendar')
export class CalendarDaysController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('days')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: CalendarDaysDto })
  days(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: CalendarDaysQueryDto) {
    const { perDay, ...filters } = query;
    return this.calendar.days(workspace.workspaceId, { ...filters, ...rangeOf(query) }, perDay ?? 6);
  }

  @Get('day')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: CalendarDayPageDto })
  day(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: CalendarDayQueryDto) {
    const { date, cursor, limit, ...filters } = query;
    return this.calendar.day(workspace.workspaceId, date, filters, { cursor, limit: limit ?? 50 });
  }
}
