import { Module } from '@nestjs/common';
import { BestTimes } from './best-times';

/**
 * Best times on their own, without the rest of analytics: the posts context schedules "at the next
 * best time" through it, while the analytics reads depend on the posts context (labels, authors).
 */
@Module({ providers: [BestTimes], exports: [BestTimes] })
export class BestTimesModule {}
