import { ApiProperty } from '@nestjs/swagger';
import { Email, NewPassword, PASSWORD_MIN_LENGTH, Text, Token } from '../common/fields';
import type { User } from './user.entity';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Email()
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @NewPassword()
  password: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @Text(120)
  name: string;
}

export class LoginDto {
  @ApiProperty()
  @Email()
  email: string;

  @ApiProperty()
  @Token()
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @Token()
  refreshToken: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @Email()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty()
  @Token()
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @NewPassword()
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @Token()
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @NewPassword()
  newPassword: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;

  static of(user: User): UserDto {
    return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
  }
}

export class SessionDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
}
