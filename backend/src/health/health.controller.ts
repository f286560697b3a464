import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorators';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { Metrics } from './metrics';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
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

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
