import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../../accounts/accounts.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { MailModule } from '../../mail/mail.module';
import { MediaModule } from '../../media/media.module';
import { WorkspacesModule } from '../../workspaces/workspaces.module';
import { AnalyticsReadsModule } from '../analytics-reads/analytics-reads.module';
import { AnalyticsReportSchedule } from './analytics-report-schedule.entity';
import { AnalyticsReport } from './analytics-report.entity';
import { ReportDataService } from './report-data.service';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { ScheduledReports } from './scheduled-reports';

/** PDF reports (`/api/v1/analytics/reports`) and the schedules that mail them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AnalyticsReport, AnalyticsReportSchedule]),
    AnalyticsReadsModule,
    AccountsModule,
    WorkspacesModule,
    MediaModule,
    MailModule,
    NotificationsModule,
  ],
  controllers: [ReportsController],
  providers: [ReportDataService, ReportsService, ReportSchedulesService, ScheduledReports],
  exports: [ReportsService],
})
export class ReportsModule {}
