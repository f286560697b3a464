import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { SocialAccount } from '../accounts/social-account.entity';
import { Approval } from '../approvals/approval.entity';
import { EXPIRY_WARNING_MS } from './notification-digest';

export class NavBadgesDto {
  @ApiProperty({ type: 'integer', description: 'Pending approvals the caller may decide and did not ask for' })
  approvals: number;

  @ApiProperty({ type: 'integer', description: 'Accounts to reconnect or whose access ends within 7 days' })
  accounts: number;
}

/** The counts beside the navigation: what waits for the caller. */
@ApiTags('notifications')
@Controller('api/v1/nav-badges')
export class NavBadgesController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @RequirePermission('workspace:read')
  @ApiOkResponse({ type: NavBadgesDto })
  async badges(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NavBadgesDto> {
    const { workspaceId, permissions } = workspace;
    const approvals = permissions.includes('approvals:write')
      ? await this.dataSource.manager
          .createQueryBuilder(Approval, 'a')
          .where('a.workspaceId = :workspaceId AND a.status = :status', { workspaceId, status: 'pending' })
          .andWhere('(a.requestedBy IS NULL OR a.requestedBy <> :me)', { me: principal.userId })
          .getCount()
      : 0;
    const soon = new Date(Date.now() + EXPIRY_WARNING_MS);
    const accounts = permissions.includes('accounts:read')
      ? await this.dataSource.manager.countBy(SocialAccount, [
          { workspaceId, deletedAt: IsNull(), status: Not('active') },
          { workspaceId, deletedAt: IsNull(), status: 'active', tokenExpiresAt: LessThanOrEqual(soon) },
        ])
      : 0;
    return { approvals, accounts };
  }
}
