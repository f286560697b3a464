import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  FlowRuntimeSupervisor,
  type FlowRuntimeEvents,
  type FlowRuntimeStatus,
  type TriggerMessage,
} from '@socialorchestrator/flow-runtime';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { runtimeIsolation } from './runtime-user';

export type FlowRuntimeState = FlowRuntimeStatus['state'] | 'off';

/**
 * On embedded defaults the API starts the flow runtime (Node-RED host) as a supervised child
 * process. In production the worker supervises it and the API runs with FLOW_RUNTIME=off.
 * The child gets an allow-listed environment: no database URL, no secrets. Its rule nodes reach
 * the domain only through this process, over the IPC channel, with workspace-scoped tokens. Run as
 * root with FLOW_RUNTIME_USER, it runs as that user and cannot read DATA_DIR (runtime-user.ts).
 */
@Injectable()
export class FlowRuntimeService implements OnApplicationShutdown {
  private readonly logger = new Logger('FlowRuntime');
  private supervisor: FlowRuntimeSupervisor | null = null;
  private readonly listeners: Array<[keyof FlowRuntimeEvents, (...args: never[]) => void]> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether this process runs the flow runtime (and so dispatches runs to it). */
  get hosted(): boolean {
    return this.config.flowRuntime !== 'off';
  }

  /** Starts the runtime; a failure is logged and reported by /readyz, never fatal to the API. */
  async start(): Promise<void> {
    if (!this.hosted || this.supervisor) return;
    const isolation = runtimeIsolation(this.config);
    if (isolation.warning) this.logger.warn(isolation.warning);
    this.supervisor = new FlowRuntimeSupervisor({
      user: isolation.user,
      env: {
        FLOW_RUNTIME_DIR: isolation.runtimeDir,
        LOG_LEVEL: this.config.logLevel,
        FLOW_MAX_HOPS: String(this.config.automation.maxHops),
        FLOW_MAX_STEPS: String(this.config.automation.maxSteps),
        FLOW_MESSAGES_PER_SECOND: String(this.config.automation.messagesPerSecond),
      },
      log: (level, message) => this.logger[level === 'info' ? 'log' : level](message),
    });
    for (const [event, listener] of this.listeners) this.supervisor.on(event, listener as never);
    await this.supervisor.start().catch((error: Error) => this.logger.error(`flow runtime: ${error.message}`));
  }

  /** Listeners survive restarts of the host (they are on the supervisor, which outlives hosts). */
  on<E extends keyof FlowRuntimeEvents>(event: E, listener: (...args: FlowRuntimeEvents[E]) => void): void {
    this.listeners.push([event, listener as never]);
    this.supervisor?.on(event, listener as never);
  }

  running(): boolean {
    return this.supervisor?.status().state === 'running';
  }

  deploy(flows: Array<Record<string, unknown>>): Promise<void> {
    if (!this.supervisor) return Promise.reject(new Error('the flow runtime is off in this process'));
    return this.supervisor.deploy(flows);
  }

  trigger(node: string, msg: TriggerMessage['msg']): boolean {
    return this.supervisor?.trigger(node, msg) ?? false;
  }

  stopRun(runId: string): boolean {
    return this.supervisor?.stopRun(runId) ?? false;
  }

  status(): { state: FlowRuntimeState; details: FlowRuntimeStatus | null } {
    const details = this.supervisor?.status() ?? null;
    return { state: details?.state ?? (this.hosted ? 'stopped' : 'off'), details };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.supervisor?.stop();
  }
}
