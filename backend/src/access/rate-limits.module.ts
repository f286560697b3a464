import { Module } from '@nestjs/common';
import { RateLimiterStore } from './rate-limiter-store';

/** Rate-limit counters, shared across processes through Redis when configured. */
@Module({
  providers: [RateLimiterStore],
  exports: [RateLimiterStore],
})
export class RateLimitsModule {}
