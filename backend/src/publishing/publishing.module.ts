import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ActivityModule } from '../activity/activity.module';
import { MailModule } from '../mail/mail.module';
import { MediaModule } from '../media/media.module';
import { PostsModule } from '../posts/posts.module';
import { PublishJob } from './publish-job.entity';
import { PublishJobsController } from './publish-jobs.controller';
import { PublishNotifier } from './publish-notifier';
import { PublishRecorder } from './publish-recorder';
import { Publisher } from './publisher';
import { PublishingEngine } from './publishing-engine';
import { Reconciler } from './reconciler';

@Module({
  imports: [
    TypeOrmModule.forFeature([PublishJob]),
    AccountsModule,
    ActivityModule,
    MailModule,
    MediaModule,
    PostsModule,
  ],
  controllers: [PublishJobsController],
  providers: [Publisher, PublishRecorder, PublishNotifier, Reconciler, PublishingEngine],
  exports: [PublishingEngine],
})
export class PublishingModule {}
