import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Principal } from './access-context';
import { AccessError } from './access.errors';
import { RateLimiterStore } from './rate-limiter-store';

/**
 * The public API's budget: `API_RATE_LIMIT` requests per `API_RATE_WINDOW_SECONDS` for each API
 * key, and for each signed-in user (all their sessions together). Every authenticated response
 * says where the caller stands (`RateLimit-Limit`, `-Remaining`, `-Reset` in seconds); past the
 * budget the answer is 429 with `Retry-After`.
 */
@Injectable()
export class ApiRateLimit {
  private readonly limiter: RateLimiterAbstract | null;
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, store: RateLimiterStore) {
    const { apiRequests, apiWindowSeconds } = config.rateLimits;
    this.limit = apiRequests;
    this.limiter = apiRequests
      ? store.limiter({ keyPrefix: 'api', points: apiRequests, duration: apiWindowSeconds })
      : null;
  }

  async consume(principal: Principal, reply: FastifyReply): Promise<void> {
    if (!this.limiter) return;
    const key = principal.apiKey ? `key:${principal.apiKey.id}` : `user:${principal.userId}`;
    try {
      this.describe(reply, await this.limiter.consume(key));
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      const seconds = this.describe(reply, outcome);
      throw new AccessError('RATE_LIMITED', `Try again in ${seconds} s`, undefined, {
        'Retry-After': String(seconds),
      });
    }
  }

  /** Sets the RateLimit-* headers; returns the seconds until the window resets. */
  private describe(reply: FastifyReply, state: RateLimiterRes): number {
    const reset = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    reply.header('RateLimit-Limit', String(this.limit));
    reply.header('RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
    reply.header('RateLimit-Reset', String(reset));
    return reset;
  }
}
