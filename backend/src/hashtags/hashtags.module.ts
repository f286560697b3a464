import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HashtagGroup } from './hashtag-group.entity';
import { HashtagGroups } from './hashtag-groups.service';
import { HashtagUse } from './hashtag-use.entity';
import { HashtagUses } from './hashtag-uses.service';
import { HashtagGroupsController, HashtagSuggestionsController } from './hashtags.controller';
import { PostHashtag } from './post-hashtag.entity';

/** Hashtag groups, and the workspace's hashtag use (counted from the posts context's events). */
@Module({
  imports: [TypeOrmModule.forFeature([HashtagGroup, HashtagUse, PostHashtag])],
  controllers: [HashtagGroupsController, HashtagSuggestionsController],
  providers: [HashtagGroups, HashtagUses],
  exports: [HashtagUses],
})
export class HashtagsModule {}
