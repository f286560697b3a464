import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnalyticsPost } from './analytics-post.entity';
import { PostPerformance } from './post-performance';

/** How posts perform, for automations: a reader of analytics' tables that pulls in nothing else. */
@Module({
  imports: [TypeOrmModule.forFeature([AnalyticsPost])],
  providers: [PostPerformance],
  exports: [PostPerformance],
})
export class PostPerformanceModule {}
