import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CommonError } from '../common/common.errors';
import { CalendarQueryDto } from './calendar.controller';
import { CalendarEntryDto, QuotaWarningDto } from './posts.dto';

const MAX_RANGE_DAYS = 62;

/** A calendar query's range as instants: `to` after `from`, at most 62 days later (two months' views). */
export function rangeOf(query: CalendarQueryDto): { from: Date; to: Date } {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from || to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new CommonError('VALIDATION', `to must be after from, at most ${MAX_RANGE_DAYS} days later`, [
      { field: 'to', message: `must be after from, at most ${MAX_RANGE_DAYS} days later` },
    ]);
  }
  return { from, to };
}

/** A day cell shows a handful; a day list is paged. */
const MAX_PER_DAY = 50;

export class CalendarDaysQueryDto extends CalendarQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PER_DAY, default: 6, description: 'Entries listed per day' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PER_DAY)
  perDay?: number;
}

class DayPageQuery {
  @ApiProperty({ format: 'date', example: '2027-06-14', description: "A day in the workspace's time zone" })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be a date, yyyy-mm-dd' })
  date: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/i, { message: 'must be a nextCursor' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CalendarDayQueryDto extends IntersectionType(DayPageQuery, OmitType(CalendarQueryDto, ['from', 'to'])) {}

export class CalendarDayDto {
  @ApiProperty({ format: 'date', description: "The day in the workspace's time zone" }) date: string;
  @ApiProperty({ type: 'integer', description: 'Entries planned for the day' }) total: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { scheduled: 12, published: 3 },
    description: 'Entries by state (scheduled, publishing, published, failed, needs_review)',
  })
  counts: Record<string, number>;
  @ApiProperty({
    type: [CalendarEntryDto],
    description: 'The first perDay entries by time; the day endpoint pages all',
  })
  entries: CalendarEntryDto[];
}

export class CalendarDaysDto {
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: [CalendarDayDto], description: 'Days of the range that hold entries, in order' })
  days: CalendarDayDto[];
  @ApiProperty({
    type: [QuotaWarningDto],
    description: 'Days near an account quota; empty when a label, author, state or type filter shows only some posts',
  })
  quotaWarnings: QuotaWarningDto[];
  @ApiProperty({ type: 'integer', description: 'Occurrences of fast repeating rules left out of the range' })
  more: number;
}

export class CalendarDayPageDto {
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: [CalendarEntryDto] }) items: CalendarEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
  nextCursor: string | null;
}
