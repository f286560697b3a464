import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { Invite } from './invite.entity';

export class CreateInviteDto {
  @ApiProperty({ example: 'grace@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'editor' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  role: string;
}

export class AcceptInviteDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
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
