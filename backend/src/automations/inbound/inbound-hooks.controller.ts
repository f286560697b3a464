import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../access/access.decorators';
import { InboundAcceptedDto } from '../automations.dto';
import { InboundHooks } from './inbound-hooks.service';

@ApiTags('automations')
@Controller('api/v1/hooks')
export class InboundHooksController {
  constructor(private readonly hooks: InboundHooks) {}

  /**
   * Where a CMS sends its webhooks. Signed with the hook's secret (`X-Timestamp: <unix seconds>`,
   * `X-Signature: sha256=<hex HMAC of "<timestamp>.<body>">`, or the sender's own scheme per
   * preset); answers 202 once the run is queued, 401 for a bad or stale signature, 409 for a replay.
   */
  @Post(':hookId')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: InboundAcceptedDto })
  receive(@Param('hookId') hookId: string, @Req() request: FastifyRequest) {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.hooks.receive(hookId, { rawBody, headers: request.headers, receivedAt: new Date() });
  }
}
