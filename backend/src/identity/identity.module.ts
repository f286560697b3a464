import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RateLimitsModule } from '../access/rate-limits.module';
import { MailModule } from '../mail/mail.module';
import { AccountRequestLimits } from './account-request-limits';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PasswordResetToken } from './password-reset-token.entity';
import { RefreshToken } from './refresh-token.entity';
import { SessionTokensService } from './session-tokens.service';
import { User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken, PasswordResetToken]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken would otherwise try the string as a public
        // key, fail, and build a secret key on every verify.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { expiresIn: config.accessTokenTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    MailModule,
    RateLimitsModule,
  ],
  controllers: [AuthController],
  providers: [IdentityService, SessionTokensService, PasswordHasher, LoginThrottle, AccountRequestLimits],
  exports: [IdentityService],
})
export class IdentityModule {}
