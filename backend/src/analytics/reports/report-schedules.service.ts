import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { CommonError, notFound } from '../../common/common.errors';
import { newId } from '../../common/ids';
import { findPage, mapPage, PageQuery } from '../../common/pagination';
import { MembersService } from '../../workspaces/members.service';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { AnalyticsReportSchedule } from './analytics-report-schedule.entity';
import { nextRunAfter, ScheduleTiming } from './report-schedule-times';
import { CreateReportScheduleDto, ReportScheduleDto, UpdateReportScheduleDto } from './report-schedules.dto';
import { ReportsError } from './reports.errors';

const invalid = (field: string, message: string) =>
  new CommonError('VALIDATION', `${field}: ${message}`, [{ field, message }]);

/** Report schedules: listed, created, edited and cancelled; ScheduledReports sends them. */
@Injectable()
export class ReportSchedulesService {
  constructor(
    @InjectRepository(AnalyticsReportSchedule) private readonly schedules: Repository<AnalyticsReportSchedule>,
    private readonly workspaces: WorkspacesService,
    private readonly members: MembersService,
  ) {}

  async list(workspaceId: string, query: PageQuery) {
    return mapPage(await findPage(this.schedules, { workspaceId }, query), ReportScheduleDto.of);
  }

  async create(workspaceId: string, userId: string, dto: CreateReportScheduleDto): Promise<ReportScheduleDto> {
    const schedule = this.schedules.create({
      id: newId(),
      workspaceId,
      createdBy: userId,
      lastRunAt: null,
      cancelledAt: null,
      ...(await this.checked(workspaceId, dto)),
    });
    await this.schedules.insert(schedule);
    return ReportScheduleDto.of(await this.schedules.findOneByOrFail({ id: schedule.id }));
  }

  async update(workspaceId: string, id: string, dto: UpdateReportScheduleDto): Promise<ReportScheduleDto> {
    const current = await this.findOrFail(workspaceId, id);
    if (current.cancelledAt) throw new ReportsError('SCHEDULE_CANCELLED');
    const merged = { ...current, ...givenFields(dto) };
    const fields = await this.checked(workspaceId, merged);
    const retimed = (['frequency', 'weekday', 'monthDay', 'hour'] as const).some((k) => fields[k] !== current[k]);
    // Same timing keeps the next send (one already due is still sent); a cancel that lands first wins.
    const nextRunAt = retimed ? fields.nextRunAt : current.nextRunAt;
    await this.schedules.update({ id, cancelledAt: IsNull() }, { ...fields, nextRunAt });
    return ReportScheduleDto.of(await this.findOrFail(workspaceId, id));
  }

  /** Cancels: the schedule stays listed (with cancelledAt) and is never sent again. */
  async cancel(workspaceId: string, id: string): Promise<void> {
    const schedule = await this.findOrFail(workspaceId, id);
    if (schedule.cancelledAt) return;
    await this.schedules.update({ id, cancelledAt: IsNull() }, { cancelledAt: new Date(), nextRunAt: null });
  }

  private async findOrFail(workspaceId: string, id: string): Promise<AnalyticsReportSchedule> {
    const schedule = await this.schedules.findOneBy({ id, workspaceId });
    if (!schedule) throw notFound('Report schedule');
    return schedule;
  }

  /** The stored fields of a schedule: timing made whole, recipients checked, next send computed. */
  private async checked(workspaceId: string, fields: CreateReportScheduleDto | AnalyticsReportSchedule) {
    const timing = timingOf(fields);
    const memberIds = [...new Set(fields.memberIds)];
    const emails = [...new Set(fields.emails.map((e) => e.trim().toLowerCase()))];
    if (!memberIds.length && !emails.length) throw invalid('memberIds', 'name at least one member or email address');
    const members = new Set((await this.members.list(workspaceId)).map((m) => m.userId));
    const strangers = memberIds.filter((m) => !members.has(m));
    if (strangers.length) throw invalid('memberIds', `are not members of this workspace: ${strangers.join(', ')}`);
    const timeZone = await this.workspaces.timeZoneOf(workspaceId);
    return { name: fields.name, ...timing, memberIds, emails, nextRunAt: nextRunAfter(timing, timeZone, new Date()) };
  }
}

/** weekday for weekly, monthDay for monthly, the other null; a missing one is a 400 naming it. */
function timingOf(fields: Partial<ScheduleTiming> & Pick<ScheduleTiming, 'frequency' | 'hour'>): ScheduleTiming {
  if (fields.frequency === 'weekly') {
    if (fields.weekday == null) throw invalid('weekday', 'is required for a weekly report (1 = Monday … 7 = Sunday)');
    return { frequency: 'weekly', weekday: fields.weekday, monthDay: null, hour: fields.hour };
  }
  if (fields.monthDay == null) throw invalid('monthDay', 'is required for a monthly report (1–28)');
  return { frequency: 'monthly', weekday: null, monthDay: fields.monthDay, hour: fields.hour };
}

/** The fields a PATCH gives; null is not a value of any of them (IsOptional lets it through), so it is left out too. */
const givenFields = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
