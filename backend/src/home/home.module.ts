import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApprovalsModule } from '../approvals/approvals.module';
import { AutomationsModule } from '../automations/automations.module';
import { PostsModule } from '../posts/posts.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';

@Module({
  imports: [WorkspacesModule, PostsModule, ApprovalsModule, AccountsModule, AutomationsModule],
  controllers: [HomeController],
  providers: [HomeService],
})
export class HomeModule {}
