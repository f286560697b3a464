import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Text } from '../common/fields';
import type { NetworkId } from '../connectors/network-limits';
import type { AccountSettings, AccountStatus } from './social-account.entity';

export const CONNECTABLE_NETWORKS = ['sandbox', 'facebook', 'instagram', 'x', 'linkedin'] as const;

export class ConnectAccountDto {
  @IsIn(['sandbox'], {
    message: 'only sandbox connects directly; other networks start OAuth at /accounts/oauth/{network}/start',
  })
  network: 'sandbox';

  @Text(100)
  name: string;
}

/** The Sandbox's simulated network behaviour, so retries, re-authorisation and crashes can be tried. */
export class SandboxSettingsDto {
  @ApiPropertyOptional({ description: 'Delay after the Sandbox accepts a post, before it answers' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  latencyMs?: number;

  @ApiPropertyOptional({ description: 'Answer the next N publishes with this HTTP status' })
  @IsOptional()
  @IsIn([401, 429, 500])
  failStatus?: 401 | 429 | 500;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  failCount?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ description: 'false: behave like a network that cannot look posts up' })
  @IsOptional()
  @IsBoolean()
  lookup?: boolean;
}

export class UpdateAccountDto {
  @IsOptional()
  @Text(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Disabled accounts keep their history but publish nothing' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => SandboxSettingsDto)
  settings?: SandboxSettingsDto;
}

export class StartOAuthDto {
  @ApiPropertyOptional({ description: 'Reconnect this account instead of adding one' })
  @IsOptional()
  @Text(36)
  accountId?: string;
}

export class AccountDto {
  @ApiProperty() id: string;
  @ApiProperty() network: NetworkId;
  @ApiProperty() networkLabel: string;
  @ApiProperty() name: string;
  @ApiProperty() externalAccountId: string;
  @ApiProperty() status: AccountStatus;
  @ApiProperty() scopes: string[];
  @ApiProperty() missingScopes: string[];
  @ApiProperty({ nullable: true }) tokenExpiresAt: string | null;
  @ApiProperty({ nullable: true }) lastRefreshAt: string | null;
  @ApiProperty({ nullable: true }) lastError: string | null;
  @ApiProperty() settings: AccountSettings;
  @ApiProperty() demo: boolean;
  @ApiProperty() createdAt: string;
}
