import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { newId } from '../common/ids';
import { randomToken, sameHash, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { IdentityError } from './identity.errors';
import { RefreshToken } from './refresh-token.entity';

/** Who an access token speaks for, and the session (refresh-token family) it was issued to. */
export interface AccessClaims {
  userId: string;
  sessionId: string | null;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** How long a rotated refresh token may be presented again (Auth0's "reuse interval", Okta's grace period). */
const REUSE_GRACE_MS = 30_000;

/**
 * Short-lived JWT access tokens and rotating refresh tokens (`<id>.<secret>`, secret stored as
 * sha256). Reusing a rotated refresh token after the grace period revokes its whole family.
 */
@Injectable()
export class SessionTokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
  ) {}

  async issue(userId: string, familyId = newId()): Promise<SessionTokens> {
    const secret = randomToken();
    const token = this.refreshTokens.create({
      id: newId(),
      userId,
      familyId,
      secretHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000),
      revokedAt: null,
      replacedById: null,
    });
    await this.refreshTokens.insert(token);
    return {
      // `sid` names the session, so a password change can end every other one and keep this one.
      accessToken: await this.jwt.signAsync({ sub: userId, typ: 'access', sid: familyId }),
      refreshToken: `${token.id}.${secret}`,
      expiresIn: this.config.accessTokenTtlSeconds,
    };
  }

  /** The claims of a valid access token, or null. */
  async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ: string; sid?: unknown }>(token);
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') return null;
      return { userId: payload.sub, sessionId: typeof payload.sid === 'string' ? payload.sid : null };
    } catch {
      return null;
    }
  }

  async rotate(presented: string): Promise<SessionTokens> {
    const current = await this.find(presented);
    if (current.revokedAt || current.replacedById) return this.reissueOrRevoke(current);
    if (current.expiresAt.getTime() <= Date.now()) throw new IdentityError('REFRESH_TOKEN_INVALID');
    const next = await this.issue(current.userId, current.familyId);
    const claimed = await this.refreshTokens.update(
      { id: current.id, replacedById: IsNull(), revokedAt: IsNull() },
      { replacedById: next.refreshToken.split('.')[0], revokedAt: new Date() },
    );
    if (claimed.affected === 1) return next;
    // A concurrent rotation won the race: the same page twice, or a theft.
    const rotated = await this.refreshTokens.findOneByOrFail({ id: current.id });
    if (await this.withinGrace(rotated)) return next;
    await this.revokeFamily(current.familyId);
    throw new IdentityError('REFRESH_TOKEN_INVALID', 'This refresh token was already used');
  }

  /**
   * A rotated token presented again: within the grace period it is a page reloaded while its
   * refresh was in flight (the answer with the new token never reached storage), and the session
   * goes on; later, assume theft and end every session of the family.
   */
  private async reissueOrRevoke(token: RefreshToken): Promise<SessionTokens> {
    if (token.expiresAt.getTime() > Date.now() && (await this.withinGrace(token)))
      return this.issue(token.userId, token.familyId);
    await this.revokeFamily(token.familyId);
    throw new IdentityError('REFRESH_TOKEN_INVALID', 'This refresh token was already used');
  }

  /** Rotated (not logged out) moments ago, in a family that is still alive (no logout or revocation since). */
  private async withinGrace(token: RefreshToken): Promise<boolean> {
    if (!token.replacedById || !token.revokedAt) return false;
    if (Date.now() - token.revokedAt.getTime() > REUSE_GRACE_MS) return false;
    return this.refreshTokens.existsBy({ familyId: token.familyId, revokedAt: IsNull() });
  }

  async revoke(presented: string): Promise<void> {
    const current = await this.find(presented).catch(() => null);
    if (current) await this.revokeFamily(current.familyId);
  }

  /** Ends every session of the user, but `keepSessionId`'s when given (the one changing the password). */
  async revokeAllForUser(userId: string, keepSessionId: string | null = null): Promise<void> {
    await this.refreshTokens.update(
      { userId, revokedAt: IsNull(), ...(keepSessionId ? { familyId: Not(keepSessionId) } : {}) },
      { revokedAt: new Date() },
    );
  }

  private async find(presented: string): Promise<RefreshToken> {
    const [id, secret] = presented.split('.');
    const token = id && secret ? await this.refreshTokens.findOneBy({ id }) : null;
    if (!token || !sameHash(token.secretHash, sha256(secret))) throw new IdentityError('REFRESH_TOKEN_INVALID');
    return token;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
