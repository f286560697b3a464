import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Redirect } from '@nestjs/common';
import { ApiCreatedResponse, ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Public, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { pageOf, type Page } from '../common/pagination';
import { DomainError } from '../common/domain-error';
import {
  CONNECTABLE_NETWORKS,
  AccountDto,
  AuthorizeUrlDto,
  ConnectAccountDto,
  NetworkListDto,
  StartOAuthDto,
  UpdateAccountDto,
} from './accounts.dto';
import { AccountsService } from './accounts.service';
import { AccountConnectService } from './account-connect.service';
import { CredentialsConnectService } from './credentials-connect.service';
import { CommonError } from '../common/common.errors';
import type { NetworkId } from '../connectors/network-limits';

const networkParam = (value: string): NetworkId => {
  if (!(CONNECTABLE_NETWORKS as readonly string[]).includes(value) || value === 'sandbox') {
    const names = CONNECTABLE_NETWORKS.filter((n) => n !== 'sandbox').join(', ');
    throw new CommonError('VALIDATION', `network must be one of ${names}`, [
      { field: 'network', message: `must be one of ${names}` },
    ]);
  }
  return value as NetworkId;
};

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly connect: AccountConnectService,
    private readonly credentials: CredentialsConnectService,
  ) {}

  @Get()
  @RequirePermission('accounts:read')
  @ApiOkResponse({ type: pageOf(AccountDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<AccountDto>> {
    return { items: await this.accounts.list(workspace.workspaceId), nextCursor: null };
  }

  /** Which networks this server can connect, so the page can say what an admin must set before anyone tries. */
  @Get('networks')
  @RequirePermission('accounts:read')
  @ApiOkResponse({ type: NetworkListDto })
  networks(): NetworkListDto {
    return { items: this.connect.networks() };
  }

  /**
   * The Sandbox by name, or a credentials network (bot token, app password) checked against the
   * network first: a refused field is a 400 naming `credentials.<field>`, a network that cannot be
   * reached a 502. Connecting the same account again replaces its tokens.
   */
  @Post()
  @RequirePermission('accounts:write')
  @ApiCreatedResponse({
    type: AccountDto,
    description: 'The account connected (the first, when the credentials cover several)',
  })
  async create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: ConnectAccountDto,
  ): Promise<AccountDto> {
    if (body.network === 'sandbox') return this.accounts.connectSandbox(workspace, principal, body.name!);
    const [first] = await this.credentials.connect(workspace, principal, body.network, body.credentials ?? {});
    return first;
  }

  @Patch(':id')
  @RequirePermission('accounts:write')
  @ApiOkResponse({ type: AccountDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateAccountDto,
  ): Promise<AccountDto> {
    return this.accounts.update(workspace.workspaceId, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Disconnected' })
  @RequirePermission('accounts:write')
  async remove(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.accounts.remove(workspace.workspaceId, principal, id);
  }

  @Post('oauth/:network/start')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthorizeUrlDto })
  @RequirePermission('accounts:write')
  start(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('network') network: string,
    @Body() body: StartOAuthDto,
  ): Promise<{ authorizeUrl: string }> {
    return this.connect.start(
      workspace,
      principal,
      networkParam(network),
      body.accountId ?? null,
      body.instanceUrl ?? null,
    );
  }

  /** The network redirects the person's browser here; we send them back to the accounts page. */
  @Get('oauth/:network/callback')
  @Public()
  @Redirect()
  @ApiFoundResponse({ description: 'Back to the accounts page, saying what was connected or what went wrong' })
  async callback(
    @Param('network') network: string,
    @Query('state') state = '',
    @Query('code') code?: string,
    @Query('error') error?: string,
  ): Promise<{ url: string }> {
    try {
      const outcome = await this.connect.complete(networkParam(network), state, code, error);
      const result = outcome.problem
        ? `connectError=${encodeURIComponent(outcome.problem)}`
        : `connected=${network}&count=${outcome.connected}`;
      return { url: `/w/${outcome.workspaceId}/accounts?${result}` };
    } catch (failure) {
      if (!(failure instanceof DomainError)) throw failure;
      return { url: `/workspaces?connectError=${encodeURIComponent(failure.detail ?? failure.spec.title)}` };
    }
  }
}
