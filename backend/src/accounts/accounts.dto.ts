import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Text } from '../common/fields';
import { NETWORK_IDS, type NetworkId } from '../connectors/network-limits';
import { NETWORK_PROFILES } from '../connectors/network-profiles';
import type { AccountSettings, AccountStatus } from './social-account.entity';

/** Every network: the Sandbox by name, the others through OAuth or their credentials. */
export const CONNECTABLE_NETWORKS = NETWORK_IDS;

export class ConnectAccountDto {
  @ApiProperty({
    enum: NETWORK_IDS,
    description:
      'sandbox with a name; a network whose GET /networks `connect` is credentials with its `credentials`; OAuth networks start at /accounts/oauth/{network}/start',
  })
  @IsIn(NETWORK_IDS)
  network: NetworkId;

  @ApiPropertyOptional({ maxLength: 100, example: 'Brand A', description: 'The Sandbox account name (sandbox only)' })
  @ValidateIf((body: ConnectAccountDto) => body.network === 'sandbox')
  @Text(100)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { botToken: '123456789:AA…', chat: '@mychannel' },
    description: "The network's credentialFields by name; checked against the network before the account is saved",
  })
  @ValidateIf((body: ConnectAccountDto) => NETWORK_PROFILES[body.network]?.connect === 'credentials')
  @IsObject({ message: 'must be an object of the fields GET /networks lists for this network' })
  credentials?: Record<string, unknown>;
}

/** The Sandbox's simulated network behaviour, so retries, re-authorisation and crashes can be tried. */
export class SandboxSettingsDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 600_000,
    description: 'Delay after the Sandbox accepts a post, before it answers',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  latencyMs?: number;

  @ApiPropertyOptional({ enum: [401, 429, 500], description: 'Answer the next N publishes with this HTTP status' })
  @IsOptional()
  @IsIn([401, 429, 500])
  failStatus?: 401 | 429 | 500;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: 'How many publishes fail' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  failCount?: number;

  @ApiPropertyOptional({
    enum: [401, 429, 500],
    description: 'Answer the next N metric reads with this HTTP status (publishes unaffected)',
  })
  @IsOptional()
  @IsIn([401, 429, 500])
  metricsFailStatus?: 401 | 429 | 500;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: 'How many metric reads fail' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  metricsFailCount?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 3600,
    description: 'Retry-After sent with a 429 (publishes and metric reads)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ description: 'false: behave like a network that cannot look posts up' })
  @IsOptional()
  @IsBoolean()
  lookup?: boolean;

  @ApiPropertyOptional({ description: 'false: behave like a token without the insights permission (no metrics)' })
  @IsOptional()
  @IsBoolean()
  insights?: boolean;
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Text(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Disabled accounts keep their history but publish nothing' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ type: SandboxSettingsDto, description: 'Sandbox accounts only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SandboxSettingsDto)
  settings?: SandboxSettingsDto;
}

export class NetworkAvailabilityDto {
  @ApiProperty({ enum: CONNECTABLE_NETWORKS.filter((n) => n !== 'sandbox') }) network: NetworkId;
  @ApiProperty({ example: 'Facebook' }) label: string;
  @ApiProperty({ description: "false: this server lacks the network's app credentials, and connecting it is refused" })
  configured: boolean;
  @ApiProperty({
    type: [String],
    example: ['META_APP_ID', 'META_APP_SECRET'],
    description: 'The server variables that turn the network on (set by an admin)',
  })
  requires: string[];
}

export class NetworkListDto {
  @ApiProperty({ type: [NetworkAvailabilityDto] }) items: NetworkAvailabilityDto[];
}

export class StartOAuthDto {
  @ApiPropertyOptional({ description: 'Reconnect this account instead of adding one' })
  @IsOptional()
  @Text(36)
  accountId?: string;

  @ApiPropertyOptional({
    description: 'Mastodon: the instance the account is on (mastodon.social or https://mastodon.social)',
    maxLength: 255,
  })
  @IsOptional()
  @Text(255)
  instanceUrl?: string;
}

export class AccountDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CONNECTABLE_NETWORKS }) network: NetworkId;
  @ApiProperty() networkLabel: string;
  @ApiProperty() name: string;
  @ApiProperty() externalAccountId: string;
  @ApiProperty({ enum: ['active', 'reauth_required', 'disabled'] }) status: AccountStatus;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ type: [String], description: 'Scopes the network did not grant that publishing needs' })
  missingScopes: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) tokenExpiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastRefreshAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: SandboxSettingsDto, description: "The Sandbox's simulated behaviour (empty for others)" })
  settings: AccountSettings;
  @ApiProperty({ description: 'A demo (Sandbox) account' }) demo: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuthorizeUrlDto {
  @ApiProperty({ format: 'uri', description: "Send the person's browser here to grant access" })
  authorizeUrl: string;
}

export class SandboxMediaDto {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() url: string;
}

/** A post's metrics as the Sandbox reports them now; null = not provided (video views of a text post). */
export class SandboxMetricsDto {
  @ApiProperty({ type: 'integer', nullable: true }) impressions: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) reach: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Link clicks' }) clicks: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) reactions: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    nullable: true,
    description: 'Reactions by kind (like, love, haha, wow, sad, angry)',
    example: { like: 40, love: 8, haha: 2 },
  })
  reactionsByType: Record<string, number> | null;
  @ApiProperty({ type: 'integer', nullable: true }) comments: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) shares: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) saves: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) videoViews: number | null;
}

export class SandboxPostDto {
  @ApiProperty() id: string;
  @ApiProperty() postType: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty({ type: [SandboxMediaDto] }) media: SandboxMediaDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The options it was published with (poll choices and length, title, first comment)',
    example: { pollOptions: ['Yes', 'No'], pollDurationMinutes: 1440 },
  })
  options: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: SandboxMetricsDto }) metrics: SandboxMetricsDto | null;
}

export class SandboxTimelineDto {
  @ApiProperty({ type: [SandboxPostDto] }) items: SandboxPostDto[];
}
