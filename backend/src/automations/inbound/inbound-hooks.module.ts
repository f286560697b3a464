import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../../accounts/accounts.module';
import { AutomationsModule } from '../automations.module';
import { AutomationHook, HookDelivery } from '../hook.entity';
import { InboundHooksController } from './inbound-hooks.controller';
import { InboundHooks } from './inbound-hooks.service';

/** Where CMSs call in: the platform's busiest route, with its own raw-body parsing (body-parsing.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([AutomationHook, HookDelivery]), AccountsModule, AutomationsModule],
  controllers: [InboundHooksController],
  providers: [InboundHooks],
})
export class InboundHooksModule {}
