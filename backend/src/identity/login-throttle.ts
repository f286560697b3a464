import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { IdentityError } from './identity.errors';

/**
 * Failed sign-ins are counted per account and per IP. When either is exhausted, every attempt for
 * it is refused with 429 + Retry-After — known and unknown emails alike, so nothing is revealed.
 * In-process counters; a multi-instance deployment swaps in RateLimiterRedis.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const duration = config.loginWindowSeconds;
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: config.loginMaxFailures, duration });
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: config.loginMaxFailures * 4, duration });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(email), this.perIp.get(ip)]);
    const blocked = [account, address].filter(
      (r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0 && r.msBeforeNext > 0,
    );
    if (blocked.length) {
      const seconds = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
      throw new IdentityError('TOO_MANY_ATTEMPTS', `Try again in ${seconds} s`, undefined, {
        'Retry-After': String(seconds),
      });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(email, 1), this.perIp.penalty(ip, 1)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
