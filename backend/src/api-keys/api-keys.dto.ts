import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ALL_PERMISSIONS, Permission } from '../access/permissions';
import { Text } from '../common/fields';
import type { ApiKey } from './api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zapier' })
  @Text(100)
  name: string;

  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS, example: ['posts:read', 'posts:write'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one permission' })
  @ArrayUnique()
  @IsIn(ALL_PERMISSIONS, { each: true, message: 'each scope must be a permission from GET /api/v1/permissions' })
  scopes: Permission[];
}

export class ApiKeyCreatorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class ApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ type: ApiKeyCreatorDto, nullable: true }) createdBy: ApiKeyCreatorDto | null;

  static of(key: ApiKey): ApiKeyDto {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      createdBy: key.createdBy ? { id: key.createdBy.id, name: key.createdBy.name } : null,
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The secret key. Shown once; store it now.' }) key: string;
}
