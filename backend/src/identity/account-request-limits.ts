import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterStore } from '../access/rate-limiter-store';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { IdentityError } from './identity.errors';

const HOUR = 3600;
/** An address may ask for resets of this many times the per-email budget (a shared office, a NAT). */
const RESETS_PER_IP_FACTOR = 6;

/**
 * Sign-ups per IP and password-reset requests per email and per IP, per hour: neither can be used
 * to mass-create accounts or flood someone's inbox. Counted whether or not the email is known.
 */
@Injectable()
export class AccountRequestLimits {
  private readonly registrationsPerIp: RateLimiterAbstract;
  private readonly resetsPerEmail: RateLimiterAbstract;
  private readonly resetsPerIp: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, store: RateLimiterStore) {
    const { registrationsPerIpPerHour, passwordResetsPerEmailPerHour } = config.rateLimits;
    this.registrationsPerIp = store.limiter({
      keyPrefix: 'register-ip',
      points: registrationsPerIpPerHour,
      duration: HOUR,
    });
    this.resetsPerEmail = store.limiter({
      keyPrefix: 'reset-email',
      points: passwordResetsPerEmailPerHour,
      duration: HOUR,
    });
    this.resetsPerIp = store.limiter({
      keyPrefix: 'reset-ip',
      points: passwordResetsPerEmailPerHour * RESETS_PER_IP_FACTOR,
      duration: HOUR,
    });
  }

  async registration(ip: string): Promise<void> {
    await take(this.registrationsPerIp, ip);
  }

  async passwordReset(email: string, ip: string): Promise<void> {
    await take(this.resetsPerIp, ip);
    await take(this.resetsPerEmail, email);
  }
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (outcome) {
    if (!(outcome instanceof RateLimiterRes)) throw outcome;
    const seconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    throw new IdentityError('TOO_MANY_ATTEMPTS', `Try again in ${seconds} s`, undefined, {
      'Retry-After': String(seconds),
    });
  }
}
