import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ActivityModule } from '../activity/activity.module';
import { IdentityModule } from '../identity/identity.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PostsModule } from '../posts/posts.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { ApprovalEdits } from './approval-edits';
import { ApprovalLink } from './approval-link.entity';
import { ApprovalViews } from './approval-views';
import { Approval } from './approval.entity';
import { ApprovalLinksController } from './approval-links.controller';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { PostComment } from './post-comment.entity';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Approval, ApprovalLink, PostComment]),
    PostsModule,
    AccountsModule,
    ActivityModule,
    IdentityModule,
    MediaModule,
    NotificationsModule,
    WorkspacesModule,
  ],
  controllers: [ApprovalsController, ApprovalLinksController, CommentsController],
  providers: [ApprovalsService, ApprovalViews, ApprovalEdits, CommentsService],
  exports: [ApprovalsService],
})
export class ApprovalsModule {}
