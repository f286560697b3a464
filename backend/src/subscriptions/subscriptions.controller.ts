import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { type Page, pageOf, PageQuery } from '../common/pagination';
import { SAMPLE_DATA, SUBSCRIPTION_EVENTS } from './subscription-events';
import {
  CreatedSubscriptionDto,
  CreateSubscriptionDto,
  DeliveryDto,
  SampleEventDto,
  SubscriptionDto,
} from './subscriptions.dto';
import { SubscriptionsService } from './subscriptions.service';

/**
 * REST hooks (Zapier's instant triggers; Make and n8n call them webhooks). Subscribing sends this
 * workspace's events to an outside address, which is what a send-webhook step of an automation
 * does: the same permissions, automations:write to subscribe and automations:read to look. An API
 * key with the automations:write scope is how Zapier subscribes.
 */
@ApiTags('subscriptions')
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @RequirePermission('automations:write')
  @ApiOperation({ summary: 'Subscribe a target URL to an event (Zapier performSubscribe)' })
  @ApiCreatedResponse({ type: CreatedSubscriptionDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateSubscriptionDto,
  ): Promise<CreatedSubscriptionDto> {
    return this.subscriptions.create(workspace.workspaceId, principal, body);
  }

  @Get()
  @RequirePermission('automations:read')
  @ApiOperation({ summary: 'Subscriptions with their status and five latest deliveries' })
  @ApiOkResponse({ type: pageOf(SubscriptionDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<SubscriptionDto>> {
    return { items: await this.subscriptions.list(workspace.workspaceId), nextCursor: null };
  }

  @Get('samples')
  @RequirePermission('automations:read')
  @ApiOperation({ summary: 'A sample delivery body of each event (Zapier performList)' })
  @ApiOkResponse({ type: [SampleEventDto] })
  samples(@CurrentWorkspace() workspace: WorkspaceAccess): SampleEventDto[] {
    return SUBSCRIPTION_EVENTS.map((event) => ({
      event,
      body: {
        id: '01939a7e-5b1c-7d2e-9f00-0000000000ff',
        event,
        occurredAt: '2026-12-03T09:30:00.000Z',
        workspaceId: workspace.workspaceId,
        data: SAMPLE_DATA[event],
      },
    }));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('automations:write')
  @ApiOperation({ summary: 'Unsubscribe (Zapier performUnsubscribe)' })
  @ApiNoContentResponse({ description: 'Unsubscribed; its deliveries are forgotten' })
  async remove(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.subscriptions.remove(workspace.workspaceId, principal, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermission('automations:write')
  @ApiOperation({ summary: 'Turn a subscription that was turned off after failing back on' })
  @ApiOkResponse({ type: SubscriptionDto })
  enable(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<SubscriptionDto> {
    return this.subscriptions.enable(workspace.workspaceId, principal, id);
  }

  @Get(':id/deliveries')
  @RequirePermission('automations:read')
  @ApiOperation({ summary: 'Deliveries of a subscription, newest first, with the target’s answers' })
  @ApiOkResponse({ type: pageOf(DeliveryDto) })
  deliveries(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<Page<DeliveryDto>> {
    return this.subscriptions.deliveriesOf(workspace.workspaceId, id, query);
  }
}
