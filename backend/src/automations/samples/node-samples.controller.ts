import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentWorkspace, Public, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { NodeSampleListDto, NodeSampleViewDto, TakeSampleDto, TestDeliveryCapturedDto } from './node-samples.dto';
import { NodeSamples } from './node-samples.service';

/** The sample data of a draft's trigger nodes (pinned data): taken, read, polled while waiting, cleared. */
@ApiTags('automations')
@Controller('api/v1/automations/:id')
export class NodeSamplesController {
  constructor(private readonly samples: NodeSamples) {}

  @Get('samples')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: NodeSampleListDto })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return { items: await this.samples.list(workspace.workspaceId, id) };
  }

  /** Takes a trigger's sample: fetched, pasted, its example, or (webhook) a test URL to wait on. */
  @Post('nodes/:nodeId/sample')
  @HttpCode(200)
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: NodeSampleViewDto })
  take(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Param('nodeId') nodeId: string,
    @Body() body: TakeSampleDto,
  ) {
    const request = body.source === 'pasted' ? { source: body.source, json: body.json } : { source: body.source };
    return this.samples.take(workspace.workspaceId, id, nodeId, request);
  }

  /** The trigger's sample; poll it while `waiting` is set to see a test delivery arrive. */
  @Get('nodes/:nodeId/sample')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: NodeSampleViewDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Param('nodeId') nodeId: string) {
    return this.samples.get(workspace.workspaceId, id, nodeId);
  }

  @Delete('nodes/:nodeId/sample')
  @HttpCode(204)
  @RequirePermission('automations:write')
  @ApiNoContentResponse({ description: 'The trigger has no sample any more' })
  clear(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Param('nodeId') nodeId: string) {
    return this.samples.clear(workspace.workspaceId, id, nodeId);
  }
}

/** Where a test delivery goes: the one-time URL a waiting webhook trigger shows. */
@ApiTags('automations')
@Controller('api/v1/hooks/test')
export class TestDeliveryController {
  constructor(private readonly samples: NodeSamples) {}

  /**
   * A JSON object sent here becomes the waiting trigger's sample (mapped by its preset); no run
   * starts. The token is the credential: random, open ten minutes, used once; 404 otherwise.
   */
  @Post(':token')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: TestDeliveryCapturedDto })
  capture(@Param('token') token: string, @Req() request: FastifyRequest) {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.samples.captureTestDelivery(token, rawBody);
  }
}
