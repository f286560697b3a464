import { Module, OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { titlesFrom } from '../activity/subject-titles';
import { ActivityModule } from '../activity/activity.module';
import { ActivityService } from '../activity/activity.service';
import { AccountConnectService } from './account-connect.service';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { OAuthAttempt } from './oauth-attempt.entity';
import { SECRET_BOX, secretBoxProvider } from './secret-box.provider';
import { SocialAccount } from './social-account.entity';
import { TokenRefresher } from './token-refresher';
import { CredentialsConnectService } from './credentials-connect.service';
import { OptionChoicesController } from '../connectors/option-choices.controller';
import { PinterestBoardsController } from '../connectors/pinterest/pinterest-boards.controller';
import { SandboxController } from '../connectors/sandbox/sandbox.controller';
import { QueueSlotsController } from '../scheduling/queue-slots.controller';
import { QueueSlotsService } from '../scheduling/queue-slots.service';

@Module({
  imports: [TypeOrmModule.forFeature([SocialAccount, OAuthAttempt]), ActivityModule],
  controllers: [
    AccountsController,
    QueueSlotsController,
    SandboxController,
    PinterestBoardsController,
    OptionChoicesController,
  ],
  providers: [
    AccountsService,
    AccountConnectService,
    CredentialsConnectService,
    QueueSlotsService,
    TokenRefresher,
    secretBoxProvider,
  ],
  exports: [AccountsService, AccountConnectService, QueueSlotsService, SECRET_BOX],
})
export class AccountsModule implements OnModuleInit {
  constructor(
    private readonly activity: ActivityService,
    @InjectRepository(SocialAccount) private readonly accounts: Repository<SocialAccount>,
  ) {}

  /** The activity log names accounts by their name now, with a link while they are connected. */
  onModuleInit(): void {
    this.activity.registerSubjects(
      'account',
      titlesFrom(this.accounts, ['name'], (a) => a.name),
    );
  }
}
