import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../../accounts/accounts.module';
import { ApiKeysModule } from '../../api-keys/api-keys.module';
import { WorkspacesModule } from '../../workspaces/workspaces.module';
import { AutomationsModule } from '../automations.module';
import { AutomationHook, HookDelivery } from '../hook.entity';
import { InboundHooksController } from './inbound-hooks.controller';
import { InboundHooks } from './inbound-hooks.service';
import { ApiKeyCallers } from './api-key-callers';

/** Where CMSs call in: the platform's busiest route, with its own raw-body parsing (body-parsing.ts). */
@Module({
  imports: [
    TypeOrmModule.forFeature([AutomationHook, HookDelivery]),
    AccountsModule,
    AutomationsModule,
    ApiKeysModule,
    WorkspacesModule,
  ],
  controllers: [InboundHooksController],
  providers: [InboundHooks, ApiKeyCallers],
})
export class InboundHooksModule {}
