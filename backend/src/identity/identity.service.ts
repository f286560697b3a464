import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, MoreThan, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { randomToken, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailService } from '../mail/mail.service';
import { IdentityError } from './identity.errors';
import { AccountRequestLimits } from './account-request-limits';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PasswordResetToken } from './password-reset-token.entity';
import { AccessClaims, SessionTokens, SessionTokensService } from './session-tokens.service';
import { User } from './user.entity';

export interface Session extends SessionTokens {
  user: User;
}

@Injectable()
export class IdentityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(PasswordResetToken) private readonly resets: Repository<PasswordResetToken>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokensService,
    private readonly throttle: LoginThrottle,
    private readonly requestLimits: AccountRequestLimits,
    private readonly mail: MailService,
  ) {}

  async register(email: string, password: string, name: string, ip: string): Promise<Session> {
    await this.requestLimits.registration(ip);
    if (await this.users.existsBy({ email })) {
      throw new IdentityError('EMAIL_TAKEN', undefined, [{ field: 'email', message: 'is already registered' }]);
    }
    const user = this.users.create({ id: newId(), email, name, passwordHash: await this.hasher.hash(password) });
    await this.users.insert(user);
    return { user: await this.getUser(user.id), ...(await this.tokens.issue(user.id)) };
  }

  async login(email: string, password: string, ip: string): Promise<Session> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.users.findOneBy({ email });
    if (!(await this.hasher.verify(user?.passwordHash ?? null, password)) || !user) {
      await this.throttle.recordFailure(email, ip);
      throw new IdentityError('INVALID_CREDENTIALS');
    }
    await this.throttle.recordSuccess(email, ip);
    return { user, ...(await this.tokens.issue(user.id)) };
  }

  async refresh(refreshToken: string): Promise<Session> {
    const tokens = await this.tokens.rotate(refreshToken);
    const claims = await this.tokens.verifyAccessToken(tokens.accessToken);
    return { user: await this.getUser(claims!.userId), ...tokens };
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  /**
   * Always succeeds from the caller's view; only a registered address gets a link. Limited per
   * email and IP on its own budget: failed sign-ins never block a reset.
   */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    await this.requestLimits.passwordReset(email, ip);
    const user = await this.users.findOneBy({ email });
    if (!user) return;
    const token = randomToken();
    await this.resets.insert(
      this.resets.create({
        id: newId(),
        userId: user.id,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + this.config.passwordResetTtlMinutes * 60_000),
        usedAt: null,
      }),
    );
    const link = `${this.config.publicUrl}/reset-password?token=${token}`;
    await this.mail.enqueue({
      to: user.email,
      subject: 'Reset your SocialOrchestrator password',
      text: `Hello ${user.name},\n\nSomeone asked to reset your password. If it was you, open this link within ${this.config.passwordResetTtlMinutes} minutes:\n\n${link}\n\nIf not, ignore this email; your password stays as it is.`,
    });
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const reset = await this.resets.findOneBy({
      tokenHash: sha256(token),
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!reset)
      throw new IdentityError('RESET_TOKEN_INVALID', undefined, [
        { field: 'token', message: 'is invalid or has expired' },
      ]);
    const claimed = await this.resets.update({ id: reset.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (claimed.affected !== 1) throw new IdentityError('RESET_TOKEN_INVALID');
    await this.users.update(reset.userId, { passwordHash: await this.hasher.hash(password) });
    await this.tokens.revokeAllForUser(reset.userId);
  }

  /**
   * Changes the password and ends every other session (their refresh tokens are revoked); the
   * session that asked stays signed in. Access tokens already issued lapse within their short TTL.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    currentSessionId: string | null,
  ): Promise<void> {
    const user = await this.getUser(userId);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new IdentityError('WRONG_PASSWORD', undefined, [{ field: 'currentPassword', message: 'is wrong' }]);
    }
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(newPassword) });
    await this.tokens.revokeAllForUser(user.id, currentSessionId);
  }

  async getUser(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  findMany(ids: string[]): Promise<User[]> {
    return ids.length ? this.users.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  verifyAccessToken(token: string): Promise<AccessClaims | null> {
    return this.tokens.verifyAccessToken(token);
  }
}
