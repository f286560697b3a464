import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LimitWatch } from '../notifications/limit-watch';
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
  private readonly logger = new Logger('ApiRateLimit');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    store: RateLimiterStore,
    private readonly limits: LimitWatch,
  ) {
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
      const state = await this.limiter.consume(key);
      this.describe(reply, state);
      if (principal.apiKey) this.reportUse(principal.apiKey, state.consumedPoints);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      const seconds = this.describe(reply, outcome);
      throw new AccessError('RATE_LIMITED', `Try again in ${seconds} s`, undefined, {
        'Retry-After': String(seconds),
      });
    }
  }

  /**
   * An API key belongs to one workspace, whose owners are told once a day when it nears its
   * budget (a person's budget spans workspaces and is theirs to watch through the headers).
   * Not awaited: the request does not wait on the notice.
   */
  private reportUse(apiKey: NonNullable<Principal['apiKey']>, used: number): void {
    const day = new Date().toISOString().slice(0, 10);
    this.limits
      .report(apiKey.workspaceId, `api.requests:${apiKey.id}`, used, this.limit, day, `API key "${apiKey.name}"`)
      .catch((error: Error) => this.logger.warn(`limit report: ${error.message}`));
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
