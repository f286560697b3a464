import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SandboxTimelineDto } from '../../accounts/accounts.dto';
import { CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { AccountsService } from '../../accounts/accounts.service';
import { AccountsError } from '../../accounts/accounts.errors';
import { CONNECTORS, ConnectorMap } from '../connectors.module';
import { SandboxConnector } from './sandbox.connector';

/** The Sandbox network's own view of an account: what it "published" and how it is doing. */
@ApiTags('accounts')
@Controller('api/v1/accounts/:id/sandbox-timeline')
export class SandboxController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(CONNECTORS) private readonly connectors: ConnectorMap,
  ) {}

  @Get()
  @RequirePermission('accounts:read')
  @ApiOkResponse({ type: SandboxTimelineDto })
  async timeline(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    const account = await this.accounts.get(workspace.workspaceId, id);
    if (account.network !== 'sandbox')
      throw new AccountsError('SETTINGS_NOT_SUPPORTED', 'Only Sandbox accounts have a Sandbox timeline');
    const sandbox = this.connectors.sandbox as SandboxConnector;
    const posts = await sandbox.timeline(account.externalAccountId);
    const metrics = await sandbox.timelineMetrics(account.externalAccountId, posts);
    return {
      items: posts.map((p) => ({
        id: p.id,
        postType: p.postType,
        text: p.text,
        link: p.link,
        media: p.media,
        options: p.options ?? {},
        publishedAt: p.createdAt.toISOString(),
        metrics: metrics.get(p.id) ?? null,
      })),
    };
  }
}
