import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const READY_WAIT_MS = 3000;

export interface LimiterOptions {
  /** Names the counters: two limiters with the same prefix share them. */
  keyPrefix: string;
  points: number;
  duration: number;
  /** Seconds a key stays refused once its points are spent (default: until the window ends). */
  blockDuration?: number;
}

/**
 * Where rate-limit counters live: Redis when `REDIS_URL` is set, so every API process shares one
 * budget, else this process's memory. A Redis outage falls back to in-memory counters (the
 * insurance limiter) rather than refusing or waving through every request.
 */
@Injectable()
export class RateLimiterStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiterStore.name);
  private readonly redis: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = config.redisUrl
      ? new Redis(config.redisUrl, {
          // rate-limiter-flexible's advice for ioredis: fail fast to the insurance limiter instead
          // of queueing commands while disconnected.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
        })
      : null;
    this.redis?.on('error', (error: Error) => this.logger.warn(`Redis for rate limits: ${error.message}`));
  }

  /** Waits (a little) for Redis, so the first requests already count in the shared budget. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), READY_WAIT_MS);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready)
      this.logger.warn(`Redis for rate limits not ready after ${READY_WAIT_MS} ms; counting in memory meanwhile`);
  }

  get shared(): boolean {
    return this.redis !== null;
  }

  limiter(options: LimiterOptions): RateLimiterAbstract {
    const memory = new RateLimiterMemory(options);
    if (!this.redis) return memory;
    return new RateLimiterRedis({
      ...options,
      keyPrefix: `so:rl:${options.keyPrefix}`,
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
