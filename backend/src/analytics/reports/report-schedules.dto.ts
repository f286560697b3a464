import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  REPORT_FREQUENCIES,
  type AnalyticsReportSchedule,
  type ReportFrequency,
} from './analytics-report-schedule.entity';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** `POST /api/v1/analytics/reports/schedules`. */
export class CreateReportScheduleDto {
  @ApiProperty({ example: 'Monday summary', maxLength: 100 })
  @trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({
    enum: REPORT_FREQUENCIES,
    description: 'weekly covers the last week (Mon–Sun), monthly the last month',
  })
  @IsIn(REPORT_FREQUENCIES, { message: 'must be weekly or monthly' })
  frequency: ReportFrequency;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'Weekly: 1 = Monday … 7 = Sunday' })
  // Checked when weekly or when given (a PATCH may send it alone; null is not given); the service
  // checks the merged timing.
  @ValidateIf((o: CreateReportScheduleDto) => o.frequency === 'weekly' || o.weekday != null)
  @IsInt({ message: 'must be 1 (Monday) to 7 (Sunday) for a weekly report' })
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 28, description: 'Monthly: day of the month, 1–28 (every month has it)' })
  @ValidateIf((o: CreateReportScheduleDto) => o.frequency === 'monthly' || o.monthDay != null)
  @IsInt({ message: 'must be 1 to 28 for a monthly report' })
  @Min(1)
  @Max(28)
  monthDay?: number;

  @ApiProperty({ minimum: 0, maximum: 23, description: 'Hour of sending, workspace time zone' })
  @IsInt()
  @Min(0)
  @Max(23)
  hour: number;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Members (user ids) who receive it' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'must be member ids' })
  memberIds: string[];

  @ApiProperty({ type: [String], example: ['client@example.com'], description: 'Other addresses that receive it' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true, message: 'must be email addresses' })
  @MaxLength(320, { each: true })
  emails: string[];
}

/** `PATCH …/schedules/{id}`: any of the fields; the next send is recomputed from the new timing. */
export class UpdateReportScheduleDto extends PartialType(CreateReportScheduleDto) {}

export class ReportScheduleDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: REPORT_FREQUENCIES }) frequency: ReportFrequency;
  @ApiProperty({ type: Number, nullable: true }) weekday: number | null;
  @ApiProperty({ type: Number, nullable: true }) monthDay: number | null;
  @ApiProperty() hour: number;
  @ApiProperty({ type: [String] }) memberIds: string[];
  @ApiProperty({ type: [String] }) emails: string[];
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null once cancelled' })
  nextRunAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastRunAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;

  static of(s: AnalyticsReportSchedule): ReportScheduleDto {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      id: s.id,
      name: s.name,
      frequency: s.frequency,
      weekday: s.weekday,
      monthDay: s.monthDay,
      hour: s.hour,
      memberIds: s.memberIds,
      emails: s.emails,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      nextRunAt: iso(s.nextRunAt),
      lastRunAt: iso(s.lastRunAt),
      cancelledAt: iso(s.cancelledAt),
    };
  }
}
