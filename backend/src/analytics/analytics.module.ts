import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ANALYTICS_ENTITIES } from './analytics-entities';
import { AnalyticsIngest } from './analytics-ingest.service';

/**
 * Analytics: tracked posts, metric snapshots and their day rollups, collection jobs. Other
 * contexts reach its data only through the services exported here and its events.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ANALYTICS_ENTITIES)],
  providers: [AnalyticsIngest],
  exports: [AnalyticsIngest],
})
export class AnalyticsModule {}
