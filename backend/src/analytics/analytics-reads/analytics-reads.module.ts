import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { PostsModule } from '../../posts/posts.module';
import { WorkspacesModule } from '../../workspaces/workspaces.module';
import { AnalyticsBestTimesController } from './analytics-best-times.controller';
import { AnalyticsCompetitorsController } from './analytics-competitors.controller';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsReads } from './analytics-reads.service';
import { BestTimesModule } from './best-times.module';
import { Competitors } from './competitors';

/** The analytics read API (`/api/v1/analytics`) and competitor tracking. */
@Module({
  imports: [WorkspacesModule, AccountsModule, PostsModule, BestTimesModule],
  controllers: [AnalyticsController, AnalyticsBestTimesController, AnalyticsCompetitorsController],
  providers: [AnalyticsReads, Competitors],
  exports: [AnalyticsReads, Competitors],
})
export class AnalyticsReadsModule {}
