import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { AccountsService } from '../../accounts/accounts.service';
import { AccountSettings, SocialAccount } from '../../accounts/social-account.entity';
import { ConnectorFailure } from '../connector';
import { CONNECTORS, ConnectorMap } from '../connectors.module';
import { storedBoards } from './pinterest.boards';
import { PinterestConnector } from './pinterest.connector';
import { PinterestBoardsDto } from './pinterest-boards.dto';
import { PinterestBoardsError } from './pinterest-boards.errors';

/**
 * The boards (and sections) a Pinterest account's pins can go to: read on connect and kept in the
 * account's settings; a refresh reads them again after boards were made or renamed on Pinterest.
 */
@ApiTags('accounts')
@Controller('api/v1/accounts/:id/pinterest-boards')
export class PinterestBoardsController {
  private readonly pinterest: PinterestConnector | undefined;

  constructor(
    private readonly accounts: AccountsService,
    @InjectRepository(SocialAccount) private readonly rows: Repository<SocialAccount>,
    @Inject(CONNECTORS) connectors: ConnectorMap,
  ) {
    this.pinterest = connectors.pinterest as PinterestConnector | undefined;
  }

  @Get()
  @RequirePermission('accounts:read')
  @ApiOperation({ summary: 'The boards a Pinterest account can pin to, as last read' })
  @ApiOkResponse({ type: PinterestBoardsDto })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<PinterestBoardsDto> {
    return boardsDto((await this.pinterestAccount(workspace, id)).settings);
  }

  @Post('refresh')
  @HttpCode(200)
  @RequirePermission('accounts:write')
  @ApiOperation({ summary: 'Read the account’s boards and sections from Pinterest again and keep them' })
  @ApiOkResponse({ type: PinterestBoardsDto })
  async refresh(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<PinterestBoardsDto> {
    const account = await this.pinterestAccount(workspace, id);
    if (!this.pinterest)
      throw new PinterestBoardsError('NOT_CONFIGURED', 'Set PINTEREST_APP_ID and PINTEREST_APP_SECRET');
    const read = await this.pinterest.readBoards(this.accounts.credentials(account)).catch(async (error: unknown) => {
      if (!(error instanceof ConnectorFailure)) throw error;
      if (error.failure.kind !== 'reauth') throw new PinterestBoardsError('PINTEREST_FAILED', error.message);
      await this.accounts.markReauthRequired(account.id, error.message);
      throw new PinterestBoardsError('RECONNECT_NEEDED', error.message);
    });
    const settings = { ...account.settings, ...read } as AccountSettings;
    await this.rows.update(account.id, { settings });
    return boardsDto(settings);
  }

  private async pinterestAccount(workspace: WorkspaceAccess, id: string): Promise<SocialAccount> {
    const account = await this.accounts.get(workspace.workspaceId, id);
    if (account.network !== 'pinterest') throw new PinterestBoardsError('NOT_PINTEREST');
    return account;
  }
}

function boardsDto(settings: AccountSettings): PinterestBoardsDto {
  const raw = settings as Record<string, unknown>;
  return {
    items: storedBoards(raw),
    readAt: typeof raw.boardsReadAt === 'string' ? raw.boardsReadAt : null,
  };
}
