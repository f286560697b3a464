import { Controller, Get, Param } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { AccountsService } from '../accounts/accounts.service';
import { accountChoices } from './option-choices';

export class AccountChoiceDto {
  @ApiProperty({ example: '549755885175', description: 'What the option takes' }) value: string;
  @ApiProperty({ example: 'Weeknight dinners' }) label: string;
  @ApiProperty({ type: String, nullable: true, description: 'The chosen item of choicesWithin it belongs to' })
  parent: string | null;
}

export class AccountOptionChoicesDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/AccountChoiceDto' } },
    description: 'By the choicesFrom key of the network’s optionFields (e.g. boards, sections)',
    example: { boards: [{ value: '549755885175', label: 'Weeknight dinners', parent: null }] },
  })
  lists: Record<string, AccountChoiceDto[]>;
}

/** What an account's option selects offer (Pinterest's boards), from what was read on connect. */
@ApiTags('accounts')
@ApiExtraModels(AccountChoiceDto)
@Controller('api/v1/accounts/:id/option-choices')
export class OptionChoicesController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @RequirePermission('accounts:read')
  @ApiOperation({ summary: 'The choices an account offers for its network’s options (optionFields choicesFrom)' })
  @ApiOkResponse({ type: AccountOptionChoicesDto })
  async list(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
  ): Promise<AccountOptionChoicesDto> {
    const account = await this.accounts.get(workspace.workspaceId, id);
    return { lists: accountChoices(account.network, account.settings as Record<string, unknown>) };
  }
}
