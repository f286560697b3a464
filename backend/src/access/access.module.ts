import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { AccessGuard } from './access.guard';
import { ApiRateLimit } from './api-rate-limit';
import { RateLimitsModule } from './rate-limits.module';
import { MeController } from './me.controller';

/** Installs the access guard on every route of the app. */
@Module({
  imports: [IdentityModule, ApiKeysModule, WorkspacesModule, RateLimitsModule, NotificationsModule],
  controllers: [MeController],
  providers: [ApiRateLimit, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AccessModule {}
