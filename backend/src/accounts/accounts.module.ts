import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { AccountConnectService } from './account-connect.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { OAuthAttempt } from './oauth-attempt.entity';
import { SECRET_BOX, secretBoxProvider } from './secret-box.provider';
import { SocialAccount } from './social-account.entity';
import { TokenRefresher } from './token-refresher';
import { SandboxController } from '../connectors/sandbox/sandbox.controller';
import { QueueSlotsController } from '../scheduling/queue-slots.controller';
import { QueueSlotsService } from '../scheduling/queue-slots.service';

@Module({
  imports: [TypeOrmModule.forFeature([SocialAccount, OAuthAttempt]), ActivityModule],
  controllers: [AccountsController, QueueSlotsController, SandboxController],
  providers: [AccountsService, AccountConnectService, QueueSlotsService, TokenRefresher, secretBoxProvider],
  exports: [AccountsService, AccountConnectService, QueueSlotsService, SECRET_BOX],
})
export class AccountsModule {}
