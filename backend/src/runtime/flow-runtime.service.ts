import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export interface FlowRuntimeState {
  state: 'off' | 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';
}

/**
 * Starts the flow runtime (Node-RED host) as a supervised child process on embedded defaults.
 * In production the runtime is its own service and FLOW_RUNTIME=off here.
 */
@Injectable()
export class FlowRuntimeService implements OnApplicationShutdown {
  private readonly logger = new Logger('FlowRuntime');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async start(): Promise<void> {
    if (this.config.flowRuntime === 'off') return;
    this.logger.log('flow runtime supervisor pending');
  }

  status(): FlowRuntimeState {
    return { state: this.config.flowRuntime === 'off' ? 'off' : 'stopped' };
  }

  async onApplicationShutdown(): Promise<void> {}
}
