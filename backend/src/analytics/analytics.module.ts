import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { AnalyticsAccountSync } from './analytics-account-sync.service';
import { AnalyticsCollector } from './analytics-collector.service';
import { ANALYTICS_ENTITIES } from './analytics-entities';
import { AnalyticsIngest } from './analytics-ingest.service';
import { AnalyticsJobs } from './analytics-jobs';
import { AnalyticsSyncController } from './analytics-sync.controller';
import { AnalyticsSync } from './analytics-sync.service';
import { AnalyticsTracking } from './analytics-tracking.service';

/**
 * Analytics: tracked posts, metric snapshots and their day rollups, collection jobs. Other
 * contexts reach its data only through the services exported here and its events.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ANALYTICS_ENTITIES), AccountsModule],
  controllers: [AnalyticsSyncController],
  providers: [
    AnalyticsIngest,
    AnalyticsTracking,
    AnalyticsCollector,
    AnalyticsAccountSync,
    AnalyticsJobs,
    AnalyticsSync,
  ],
  exports: [AnalyticsIngest, AnalyticsTracking, AnalyticsCollector, AnalyticsJobs],
})
export class AnalyticsModule {}
