import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  IsOptional,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { WorkspaceAccess } from '../access/access-context';
import { Text } from '../common/fields';
import { IsTimeZone } from './time-zone';
import type { Workspace } from './workspace.entity';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Acme Marketing' })
  @Text(120)
  name: string;

  @ApiProperty({ example: 'Europe/Paris' })
  @IsTimeZone()
  timeZone: string;
}

export class BrandingDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(2048)
  logoUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '#3355ff' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(HEX_COLOR, { message: 'must be a colour like #3355ff' })
  primaryColor?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '#ff8800' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(HEX_COLOR, { message: 'must be a colour like #ff8800' })
  accentColor?: string | null;
}

/** Posts held for approval before they are scheduled. */
export class ApprovalPolicyDto {
  @ApiProperty({ description: "Every member's scheduled posts go to Pending approval first" })
  @IsBoolean()
  required: boolean;

  @ApiProperty({
    type: [String],
    description: 'Roles whose posts need approval: built-in role keys (editor, …) or custom role ids',
    example: ['editor'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(36, { each: true })
  roles: string[];
}

export class UpdateWorkspaceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Text(120)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 6, description: '0 = Sunday' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number from 0 (Sunday) to 6 (Saturday)' })
  @Min(0)
  @Max(6)
  firstDayOfWeek?: number;

  @ApiPropertyOptional({ type: BrandingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BrandingDto)
  branding?: BrandingDto;

  @ApiPropertyOptional({ type: [String], example: ['09:00', '17:30'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(24)
  @Matches(LOCAL_TIME, { each: true, message: 'each time must be HH:mm (24-hour)' })
  defaultPostingTimes?: string[];

  @ApiPropertyOptional({ type: ApprovalPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApprovalPolicyDto)
  approvalPolicy?: ApprovalPolicyDto;
}

export class BrandingView {
  @ApiProperty({ nullable: true, type: String }) logoUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) primaryColor: string | null;
  @ApiProperty({ nullable: true, type: String }) accentColor: string | null;
}

/** What a workspace shows to someone outside it (a client on an approval link): its name and branding. */
export class WorkspaceFaceDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: BrandingView }) branding: BrandingView;

  static of(workspace: Workspace): WorkspaceFaceDto {
    return {
      name: workspace.name,
      branding: {
        logoUrl: workspace.logoUrl,
        primaryColor: workspace.primaryColor,
        accentColor: workspace.accentColor,
      },
    };
  }
}

export class WorkspaceDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() firstDayOfWeek: number;
  @ApiProperty({ type: BrandingView }) branding: BrandingView;
  @ApiProperty({ type: [String] }) defaultPostingTimes: string[];
  @ApiProperty({ type: ApprovalPolicyDto, description: 'Whose posts wait for approval before they are scheduled' })
  approvalPolicy: ApprovalPolicyDto;
  @ApiProperty({ description: "The caller's role" }) role: string;
  @ApiProperty() roleName: string;
  @ApiProperty({ type: [String] }) permissions: string[];
  @ApiProperty() createdAt: string;

  static of(workspace: Workspace, access: Pick<WorkspaceAccess, 'role' | 'roleName' | 'permissions'>): WorkspaceDto {
    return {
      id: workspace.id,
      name: workspace.name,
      timeZone: workspace.timeZone,
      firstDayOfWeek: workspace.firstDayOfWeek,
      branding: WorkspaceFaceDto.of(workspace).branding,
      defaultPostingTimes: workspace.defaultPostingTimes,
      approvalPolicy: workspace.approvalPolicy ?? { required: false, roles: [] },
      role: access.role,
      roleName: access.roleName,
      permissions: access.permissions,
      createdAt: workspace.createdAt.toISOString(),
    };
  }
}
