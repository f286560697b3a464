import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../../accounts/accounts.module';
import { MediaItem } from '../../media/media-item.entity';
import { MediaModule } from '../../media/media.module';
import { WorkspacesModule } from '../../workspaces/workspaces.module';
import { AnalyticsReadsModule } from '../analytics-reads/analytics-reads.module';
import { AnalyticsModule } from '../analytics.module';
import { DemoCompetitors } from './demo-competitors';
import { DemoHistoryController } from './demo-history.controller';
import { DemoHistory } from './demo-history.service';
import { DemoMedia } from './demo-media';

/** `POST /api/v1/analytics/demo-history`: 90 days of past Sandbox posts and their metrics. */
@Module({
  imports: [
    TypeOrmModule.forFeature([MediaItem]),
    AnalyticsModule,
    AnalyticsReadsModule,
    AccountsModule,
    MediaModule,
    WorkspacesModule,
  ],
  controllers: [DemoHistoryController],
  providers: [DemoHistory, DemoMedia, DemoCompetitors],
})
export class DemoHistoryModule {}
