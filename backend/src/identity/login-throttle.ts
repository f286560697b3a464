import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterStore } from '../access/rate-limiter-store';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { IdentityError } from './identity.errors';

/** Once an account is braked, one attempt for it per this many seconds, from anywhere. */
const BRAKE_INTERVAL_SECONDS = 5;

/**
 * Failed sign-ins are counted so that a stranger cannot lock the owner out:
 * - per (account, IP): LOGIN_MAX_FAILURES, then that address is refused for that account;
 * - per IP: 4× that, then the address is refused for every account (one guesser, many accounts);
 * - per account from everywhere: LOGIN_ACCOUNT_BRAKE_FAILURES, then the account is slowed — one attempt every few
 *   seconds, never locked — so a botnet gains little and the owner still gets in.
 * Known and unknown emails are treated alike, so nothing is revealed. Counters live in Redis when
 * configured (shared by every API process), else in memory.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccountAndIp: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly accountBrake: RateLimiterAbstract;
  private readonly brakedAttempts: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, store: RateLimiterStore) {
    const duration = config.loginWindowSeconds;
    const points = config.loginMaxFailures;
    this.perAccountAndIp = store.limiter({ keyPrefix: 'login-account-ip', points, duration });
    this.perIp = store.limiter({ keyPrefix: 'login-ip', points: points * 4, duration });
    this.accountBrake = store.limiter({
      keyPrefix: 'login-account',
      points: config.loginAccountBrakeFailures,
      duration,
    });
    this.brakedAttempts = store.limiter({ keyPrefix: 'login-braked', points: 1, duration: BRAKE_INTERVAL_SECONDS });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [pair, address, account] = await Promise.all([
      this.perAccountAndIp.get(pairKey(email, ip)),
      this.perIp.get(ip),
      this.accountBrake.get(email),
    ]);
    const refused = [pair, address].filter(spent);
    if (refused.length) throw tooMany(Math.max(...refused.map((r) => r.msBeforeNext)));
    if (spent(account)) {
      await this.brakedAttempts.consume(email).catch((outcome: unknown) => {
        if (outcome instanceof RateLimiterRes) throw tooMany(outcome.msBeforeNext);
        throw outcome;
      });
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.perAccountAndIp.penalty(pairKey(email, ip), 1),
      this.perIp.penalty(ip, 1),
      this.accountBrake.penalty(email, 1),
    ]);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.perAccountAndIp.delete(pairKey(email, ip));
  }
}

const pairKey = (email: string, ip: string) => `${email}|${ip}`;

const spent = (r: RateLimiterRes | null): r is RateLimiterRes =>
  r !== null && r.remainingPoints <= 0 && r.msBeforeNext > 0;

const tooMany = (msBeforeNext: number) => {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new IdentityError('TOO_MANY_ATTEMPTS', `Try again in ${seconds} s`, undefined, {
    'Retry-After': String(seconds),
  });
};
