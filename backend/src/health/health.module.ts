import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { HealthController } from './health.controller';
import { Metrics } from './metrics';

@Module({
  imports: [RuntimeModule],
  controllers: [HealthController],
  providers: [Metrics],
  exports: [Metrics],
})
export class HealthModule {}
