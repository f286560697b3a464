import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../identity/identity.dto';

export class MeApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ type: [String] }) scopes: string[];
}

export class MeWorkspaceDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiProperty() roleName: string;
  @ApiProperty({ type: [String], description: 'What the caller may do here (a key: within its scopes)' })
  permissions: string[];
}

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ enum: ['user', 'api_key'] }) authMethod: string;
  @ApiProperty({ type: MeApiKeyDto, nullable: true }) apiKey: MeApiKeyDto | null;
  @ApiProperty({ type: MeWorkspaceDto, nullable: true, description: 'With a key or an X-Workspace-Id header' })
  workspace: MeWorkspaceDto | null;
}
