import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { MailService } from '../../mail/mail.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { MembersService } from '../../workspaces/members.service';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { AnalyticsReportSchedule } from './analytics-report-schedule.entity';
import { momentInWords, periodInWords } from './report-format';
import { nextRunAfter, periodBefore } from './report-schedule-times';
import { fileNameOf, ReportsService } from './reports.service';

export const SCHEDULED_REPORTS_JOB = 'analytics.scheduled-reports';
const BATCH = 20;

/**
 * Sends due report schedules: each run is claimed by moving `nextRunAt` on with a conditional
 * update (only the worker whose update matched the old value sends), then the PDF is rendered and
 * one email per recipient is queued in the outbox with it attached. A run whose rendering fails
 * after the claim is not retried (at most once: a report is never mailed twice); whoever made the
 * schedule is told, so the period's report can be made by hand.
 */
@Injectable()
export class ScheduledReports implements OnModuleInit {
  private readonly logger = new Logger(ScheduledReports.name);

  constructor(
    @InjectRepository(AnalyticsReportSchedule) private readonly schedules: Repository<AnalyticsReportSchedule>,
    private readonly reports: ReportsService,
    private readonly mail: MailService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
    private readonly jobs: BackgroundJobs,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.define(SCHEDULED_REPORTS_JOB, async () => void (await this.sendDue()));
    // Sends are on the hour; checking each minute keeps them within a minute of it for one indexed read.
    this.jobs.every(SCHEDULED_REPORTS_JOB, '1 minute');
  }

  /** Sends every schedule due by `now`; returns how many this worker sent. */
  async sendDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.schedules.find({
        where: { nextRunAt: LessThanOrEqual(now), cancelledAt: IsNull() },
        order: { nextRunAt: 'ASC', id: 'ASC' },
        take: BATCH,
      });
      let claimed = 0;
      for (const schedule of due) {
        if (!(await this.claim(schedule, now))) continue;
        claimed++;
        await this.send(schedule).then(
          () => sent++,
          (error: unknown) => this.failed(schedule, error),
        );
      }
      // A batch another worker claimed entirely may hold more due rows behind it only if we claimed some.
      if (due.length < BATCH || claimed === 0) return sent;
    }
  }

  /** Moves the schedule to its next send after `now` (missed sends are not replayed); true if ours. */
  private async claim(schedule: AnalyticsReportSchedule, now: Date): Promise<boolean> {
    const timeZone = await this.workspaces.timeZoneOf(schedule.workspaceId);
    const next = nextRunAfter(schedule, timeZone, now);
    const result = await this.schedules.update(
      { id: schedule.id, nextRunAt: schedule.nextRunAt!, cancelledAt: IsNull() },
      { nextRunAt: next, lastRunAt: schedule.nextRunAt },
    );
    return result.affected === 1;
  }

  private async failed(schedule: AnalyticsReportSchedule, error: unknown): Promise<void> {
    this.logger.error(`report schedule ${schedule.id} failed: ${String(error)}`);
    await this.notifications.notifyUsers(schedule.workspaceId, [schedule.createdBy], {
      title: `The report "${schedule.name}" was not sent`,
      body: 'Its PDF could not be made this time. Create the report for that period on the Reports page and send it yourself; the next one goes out as planned.',
      link: `/w/${schedule.workspaceId}/analytics/reports`,
      key: `report-schedule:${schedule.id}:${schedule.nextRunAt!.toISOString()}`,
    });
  }

  private async send(schedule: AnalyticsReportSchedule): Promise<void> {
    const timeZone = await this.workspaces.timeZoneOf(schedule.workspaceId);
    const period = periodBefore(schedule.frequency, timeZone, schedule.nextRunAt!);
    const { report, pdf } = await this.reports.generate(schedule.workspaceId, period, {
      createdBy: schedule.createdBy,
      scheduleId: schedule.id,
    });
    const workspaceName = await this.workspaces.nameOf(schedule.workspaceId);
    const members = await this.members.list(schedule.workspaceId);
    // Members who left since are skipped; an address listed twice gets one email.
    const memberEmails = members.filter((m) => schedule.memberIds.includes(m.userId)).map((m) => m.email);
    const recipients = [...new Set([...memberEmails, ...schedule.emails].map((e) => e.toLowerCase()))];
    const attachment = { filename: fileNameOf(report), contentType: 'application/pdf', content: pdf };
    for (const to of recipients) {
      await this.mail.enqueue({
        to,
        workspaceId: schedule.workspaceId,
        subject: `${schedule.name}: ${workspaceName} analytics, ${periodInWords(period)}`,
        text: [
          `The ${schedule.frequency} analytics report of ${workspaceName} is attached (PDF).`,
          `Period: ${periodInWords(period)}, time zone ${timeZone}.`,
          `Generated on ${momentInWords(report.createdAt, timeZone)}.`,
          `You receive it because you are on the "${schedule.name}" report schedule.`,
        ].join('\n'),
        attachments: [attachment],
      });
    }
  }
}
