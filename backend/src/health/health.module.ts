import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { HealthController } from './health.controller';
import { HttpMetricsMiddleware, Metrics } from './metrics';

@Module({
  imports: [RuntimeModule],
  controllers: [HealthController],
  providers: [Metrics],
  exports: [Metrics],
})
export class HealthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
