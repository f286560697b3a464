import { Controller, Get, Header, HttpCode, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators';
import { AccessError } from '../access/access.errors';
import { notFound } from '../common/common.errors';
import { sameHash, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { Metrics } from './metrics';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly flowRuntime: FlowRuntimeService,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @Public()
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers, and with it the job store (jobs live in the same database on
   * every supported deployment). The flow runtime's state is reported; it restarts on its own.
   */
  @Get('readyz')
  @Public()
  async readyz(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.dataSource
      .query('SELECT 1 AS ok')
      .then(() => 'ok' as const)
      .catch((e: Error) => `error: ${e.message}`);
    const ready = database === 'ok';
    reply.status(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'not ready',
      checks: { database, jobStore: database, flowRuntime: this.flowRuntime.status().state },
    };
  }

  /**
   * Prometheus scrape. With METRICS_TOKEN set it needs that bearer; without one it is open while
   * developing and absent in production (route names, traffic and process figures are not public).
   */
  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(@Req() request: FastifyRequest): Promise<string> {
    const token = this.config.metricsToken;
    if (!token) {
      if (this.config.env === 'production') throw notFound('Route');
    } else {
      const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!presented || !sameHash(sha256(presented), sha256(token))) throw new AccessError('UNAUTHENTICATED');
    }
    return this.metrics.registry.metrics();
  }
}
