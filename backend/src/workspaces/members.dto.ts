import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ALL_PERMISSIONS, Permission } from '../access/permissions';
import { Text } from '../common/fields';

export class ChangeRoleDto {
  @ApiProperty({ example: 'editor', description: 'A built-in role id or a custom role id' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  role: string;
}

export class MemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() role: string;
  @ApiProperty() roleName: string;
  @ApiProperty() joinedAt: string;
}

export class CreateRoleDto {
  @ApiProperty({ example: 'Community manager' })
  @Text(60)
  name: string;

  @ApiProperty({ type: [String], enum: ALL_PERMISSIONS })
  @IsArray()
  @ArrayUnique()
  @IsIn(ALL_PERMISSIONS, { each: true, message: 'each permission must be one of GET /api/v1/permissions' })
  permissions: Permission[];
}

export class RoleDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() builtIn: boolean;
  @ApiProperty({ type: [String] }) permissions: string[];
}
