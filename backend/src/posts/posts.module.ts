import { Module, OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { titlesFrom } from '../activity/subject-titles';
import { SocialAccount } from '../accounts/social-account.entity';
import { ActivityModule } from '../activity/activity.module';
import { ActivityService } from '../activity/activity.service';
import { MediaItem } from '../media/media-item.entity';
import { QueueSlot } from '../scheduling/queue-slot.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { Label } from './label.entity';
import { PostLabel } from './post-label.entity';
import { PostPlanner } from './post-planner';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';
import { postTitle } from './post-title';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { CalendarController } from './calendar.controller';
import { CalendarDaysController } from './calendar-days.controller';
import { CalendarService } from './calendar.service';
import { PostSheetsController } from './post-sheets.controller';
import { PostSheets } from './post-sheets.service';
import { MediaModule } from '../media/media.module';
import { PostMediaUsage } from './post-media-usage';
import { PostFacts } from './post-facts';
import { BestTimesModule } from '../analytics/analytics-reads/best-times.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Post, PostVariant, Label, PostLabel, Schedule, QueueSlot, SocialAccount, MediaItem]),
    ActivityModule,
    MediaModule,
    BestTimesModule,
  ],
  controllers: [PostSheetsController, PostsController, CalendarDaysController, CalendarController],
  providers: [PostsService, PostPlanner, CalendarService, PostSheets, PostMediaUsage, PostFacts],
  exports: [PostsService, CalendarService, PostFacts],
})
export class PostsModule implements OnModuleInit {
  constructor(
    private readonly activity: ActivityService,
    @InjectRepository(Post) private readonly posts: Repository<Post>,
  ) {}

  /** The activity log names posts by their title now (or the start of their text), with a link while they exist. */
  onModuleInit(): void {
    this.activity.registerSubjects('post', titlesFrom(this.posts, ['title', 'text'], postTitle));
  }
}
