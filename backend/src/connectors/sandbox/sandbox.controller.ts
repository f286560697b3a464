import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SandboxPostDto, SandboxTimelineDto } from '../../accounts/accounts.dto';
import { CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { AccountsService } from '../../accounts/accounts.service';
import { AccountsError } from '../../accounts/accounts.errors';
import type { PostMetrics } from '../connector';
import { CONNECTORS, ConnectorMap } from '../connectors.module';
import { CreateSandboxDirectPostDto } from './sandbox-direct-post.dto';
import { SandboxPost } from './sandbox-post.entity';
import { SandboxConnector } from './sandbox.connector';

/** The Sandbox network's own view of an account: what it "published" and how it is doing. */
@ApiTags('accounts')
@Controller('api/v1/accounts/:id/sandbox-timeline')
export class SandboxController {
  private readonly sandbox: SandboxConnector;

  constructor(
    private readonly accounts: AccountsService,
    @Inject(CONNECTORS) connectors: ConnectorMap,
  ) {
    this.sandbox = connectors.sandbox as SandboxConnector;
  }

  @Get()
  @RequirePermission('accounts:read')
  @ApiOkResponse({ type: SandboxTimelineDto })
  async timeline(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    const account = await this.sandboxAccount(workspace, id);
    const posts = await this.sandbox.timeline(account.externalAccountId);
    const metrics = await this.sandbox.timelineMetrics(account.externalAccountId, posts);
    return { items: posts.map((p) => timelineItem(p, metrics.get(p.id) ?? null)) };
  }

  @Post()
  @RequirePermission('accounts:write')
  @ApiOperation({
    summary: 'Post directly in the Sandbox app',
    description:
      'Simulates a post the account made outside this platform: it shows on the Sandbox timeline and analytics imports it as external.',
  })
  @ApiCreatedResponse({ type: SandboxPostDto })
  async postDirectly(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: CreateSandboxDirectPostDto,
  ) {
    const account = await this.sandboxAccount(workspace, id);
    const post = await this.sandbox.postDirectly(account.externalAccountId, {
      text: body.text,
      mediaKind: body.mediaKind ?? null,
      publishedAt: body.publishedAt ? new Date(body.publishedAt) : undefined,
    });
    const metrics = await this.sandbox.timelineMetrics(account.externalAccountId, [post]);
    return timelineItem(post, metrics.get(post.id) ?? null);
  }

  private async sandboxAccount(workspace: WorkspaceAccess, id: string) {
    const account = await this.accounts.get(workspace.workspaceId, id);
    if (account.network !== 'sandbox')
      throw new AccountsError('SETTINGS_NOT_SUPPORTED', 'Only Sandbox accounts have a Sandbox timeline');
    return account;
  }
}

function timelineItem(p: SandboxPost, metrics: PostMetrics | null) {
  return {
    id: p.id,
    postType: p.postType,
    text: p.text,
    link: p.link,
    media: p.media,
    options: p.options ?? {},
    publishedAt: p.createdAt.toISOString(),
    metrics,
  };
}
