import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Email, Token } from '../common/fields';
import type { Invite } from './invite.entity';

export class CreateInviteDto {
  @ApiProperty({ example: 'grace@example.com' })
  @Email()
  email: string;

  @ApiProperty({ example: 'editor' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  role: string;
}

export class AcceptInviteDto {
  @ApiProperty()
  @Token()
  token: string;
}

export class InviteDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;

  static of(invite: Invite): InviteDto {
    return {
      id: invite.id,
      email: invite.email,
      role: invite.role,
      expiresAt: invite.expiresAt.toISOString(),
      createdAt: invite.createdAt.toISOString(),
    };
  }
}

export class CreatedInviteDto extends InviteDto {
  @ApiProperty({ description: 'The link emailed to the invitee; only it can accept' }) acceptUrl: string;
}

export class InvitePreviewDto {
  @ApiProperty() workspaceName: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
  @ApiProperty() roleName: string;
  @ApiProperty({ nullable: true, type: String }) invitedBy: string | null;
  @ApiProperty() expiresAt: string;
}
