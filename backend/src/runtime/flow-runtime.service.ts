import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { FlowRuntimeSupervisor, type FlowRuntimeStatus } from '@socialorchestrator/flow-runtime';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export type FlowRuntimeState = FlowRuntimeStatus['state'] | 'off';

/**
 * On embedded defaults the API starts the flow runtime (Node-RED host) as a supervised child
 * process. In production it is its own service and this process runs with FLOW_RUNTIME=off.
 * The child gets an allow-listed environment: no database URL, no secrets.
 */
@Injectable()
export class FlowRuntimeService implements OnApplicationShutdown {
  private readonly logger = new Logger('FlowRuntime');
  private readonly supervisor: FlowRuntimeSupervisor | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.supervisor =
      config.flowRuntime === 'off'
        ? null
        : new FlowRuntimeSupervisor({
            env: { FLOW_RUNTIME_DIR: join(config.dataDir, 'flow-runtime'), LOG_LEVEL: config.logLevel },
            log: (level, message) => this.logger[level === 'info' ? 'log' : level](message),
          });
  }

  /** Starts the runtime; a failure is logged and reported by /readyz, never fatal to the API. */
  async start(): Promise<void> {
    await this.supervisor?.start().catch((error: Error) => this.logger.error(`flow runtime: ${error.message}`));
  }

  status(): { state: FlowRuntimeState; details: FlowRuntimeStatus | null } {
    const details = this.supervisor?.status() ?? null;
    return { state: details?.state ?? 'off', details };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.supervisor?.stop();
  }
}
