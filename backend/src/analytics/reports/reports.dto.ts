import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID, ValidateBy } from 'class-validator';
import { NETWORK_IDS, type NetworkId } from '../../connectors/network-limits';
import { isCalendarDay } from '../analytics-reads/date-range';
import type { AnalyticsReport } from './analytics-report.entity';

const CalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: { validate: isCalendarDay, defaultMessage: () => 'must be a day written YYYY-MM-DD' },
  });

/** `POST /api/v1/analytics/reports`: the period and filters of a PDF report. */
export class CreateReportDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'First day, workspace time zone (default: 29 days before to)',
  })
  @IsOptional()
  @CalendarDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last day, included (default: today)' })
  @IsOptional()
  @CalendarDay()
  to?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only these accounts (default: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be account ids' })
  accounts?: string[];

  @ApiPropertyOptional({ enum: NETWORK_IDS, isArray: true, description: 'Only these networks (default: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NETWORK_IDS.length)
  @IsIn(NETWORK_IDS, { each: true, message: `must be networks among ${NETWORK_IDS.join(', ')}` })
  networks?: NetworkId[];
}

export class ReportStartedDto {
  @ApiProperty({ description: 'Follow it at GET /api/v1/jobs/{job_id}; its result is { reportId }' })
  job_id: string;
}

export class ReportDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Accounts it is limited to; null = all' })
  accounts: string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'Networks it is limited to; null = all' })
  networks: string[] | null;
  @ApiProperty({ type: String, nullable: true, description: 'Member who asked for it' }) createdBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The schedule that made it' }) scheduleId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() byteSize: number;
  @ApiProperty({ example: '/api/v1/analytics/reports/…/pdf' }) pdfUrl: string;

  static of(r: AnalyticsReport): ReportDto {
    return {
      id: r.id,
      from: r.fromDay,
      to: r.toDay,
      accounts: r.accountIds,
      networks: r.networks,
      createdBy: r.createdBy,
      scheduleId: r.scheduleId,
      createdAt: r.createdAt.toISOString(),
      byteSize: r.byteSize,
      pdfUrl: `/api/v1/analytics/reports/${r.id}/pdf`,
    };
  }
}
