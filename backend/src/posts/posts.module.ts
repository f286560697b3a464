import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { ActivityModule } from '../activity/activity.module';
import { MediaItem } from '../media/media-item.entity';
import { QueueSlot } from '../scheduling/queue-slot.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { Label } from './label.entity';
import { PostLabel } from './post-label.entity';
import { PostPlanner } from './post-planner';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { PostSheetsController } from './post-sheets.controller';
import { PostSheets } from './post-sheets.service';
import { MediaModule } from '../media/media.module';
import { PostMediaUsage } from './post-media-usage';

@Module({
  imports: [
    TypeOrmModule.forFeature([Post, PostVariant, Label, PostLabel, Schedule, QueueSlot, SocialAccount, MediaItem]),
    ActivityModule,
    MediaModule,
  ],
  controllers: [PostSheetsController, PostsController, CalendarController],
  providers: [PostsService, PostPlanner, CalendarService, PostSheets, PostMediaUsage],
  exports: [PostsService, CalendarService],
})
export class PostsModule {}
