import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public } from '../access/access.decorators';
import type { Principal } from '../access/access-context';
import { AccessError } from '../access/access.errors';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  SessionDto,
  UserDto,
} from './identity.dto';
import { IdentityService, Session } from './identity.service';

const toDto = ({ user, ...tokens }: Session): SessionDto => ({ user: UserDto.of(user), ...tokens });

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Post('register')
  @Public()
  @ApiCreatedResponse({ type: SessionDto })
  async register(@Body() body: RegisterDto, @Req() request: FastifyRequest): Promise<SessionDto> {
    return toDto(await this.identity.register(body.email, body.password, body.name, request.ip ?? 'unknown'));
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<SessionDto> {
    return toDto(await this.identity.login(body.email, body.password, request.ip ?? 'unknown'));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  async refresh(@Body() body: RefreshDto): Promise<SessionDto> {
    return toDto(await this.identity.refresh(body.refreshToken));
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The refresh token is revoked' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.identity.logout(body.refreshToken);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'No body, whether or not the address has an account (an email goes out if it does)',
  })
  async requestReset(@Body() body: PasswordResetRequestDto, @Req() request: FastifyRequest): Promise<void> {
    await this.identity.requestPasswordReset(body.email, request.ip ?? 'unknown');
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is changed and every session signed out' })
  async confirmReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.identity.confirmPasswordReset(body.token, body.password);
  }

  @Post('change-password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Changed; other sessions are signed out' })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    if (principal.kind !== 'user') throw new AccessError('API_KEY_NOT_ALLOWED');
    await this.identity.changePassword(
      principal.userId,
      body.currentPassword,
      body.newPassword,
      principal.sessionId ?? null,
    );
  }
}
