import { ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { assertSafeRuntimeEnv, buildChildEnv } from './child-env';
import type { ActionCall } from '@socialorchestrator/rule-nodes';
import {
  isHostMessage,
  type ActionMessage,
  type ActionOutcome,
  type ReadyMessage,
  type RunSettledMessage,
  type StepRecord,
  type SupervisorMessage,
  type TriggerMessage,
} from './messages';

export type RuntimeState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface FlowRuntimeStatus {
  state: RuntimeState;
  /** The host's pid while one is alive. */
  pid: number | null;
  /** Automatic restarts since the last `start()`. */
  restarts: number;
  /** ISO time the current host reported ready. */
  startedAt: string | null;
  /** Exit code of the last host that exited (`null` when it was killed by a signal). */
  lastExitCode: number | null;
  /** Why the last host exited or failed to start, kept after a successful restart. */
  lastError: string | null;
  /** Node types the current host loaded. */
  palette: string[];
  nodeRedVersion: string | null;
}

export interface FlowRuntimeExit {
  pid: number | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when `stop()` asked for it. */
  expected: boolean;
}

export interface FlowRuntimeEvents {
  /** After every (re)start: flows are empty until the owner deploys them. */
  ready: [status: FlowRuntimeStatus];
  steps: [steps: StepRecord[]];
  'run-settled': [settled: RunSettledMessage];
  /** A rule node asks the backend to act; `reply` once with the outcome (unanswered calls time out in the host). */
  action: [call: ActionCall, reply: (outcome: ActionOutcome) => void];
  exit: [exit: FlowRuntimeExit];
  restarting: [status: FlowRuntimeStatus];
  failed: [status: FlowRuntimeStatus];
}

export interface SupervisorOptions {
  /** Variables for the host on top of a small allow-list (PATH, HOME, TZ, LANG, LC_ALL, NODE_ENV);
   *  e.g. FLOW_RUNTIME_DIR, LOG_LEVEL. Secret-looking names are refused by the constructor. */
  env?: Record<string, string>;
  /** Compiled host entry; default `dist/host.js` beside this file. */
  hostScript?: string;
  /** Node flags for the host; default none (the parent's --inspect or loaders are not inherited). */
  execArgv?: string[];
  /** Another OS user for the host (needs a root parent): it then cannot read the parent's files or
   *  /proc/<parent>/environ. Default null: the parent's own user. */
  user?: { uid: number; gid: number } | null;
  readyTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Silence after which a host counts as hung and is killed; default 5 heartbeats. */
  heartbeatTimeoutMs?: number;
  /** Crash-loop guard: at most this many restarts within `restartWindowMs`, then state `failed`. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long `stop()` waits for a clean shutdown before SIGKILL. */
  stopGraceMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

type Settings = Required<SupervisorOptions>;

/** Restart delays: 0.25 s, 0.5 s, 1 s, 2 s, then 4 s — a crashed host is forked again within 5 s. */
const restartDelay = (recent: number) => Math.min(250 * 2 ** recent, 4000);

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `flow runtime killed by ${signal}` : `flow runtime exited with code ${code}`;

/**
 * Runs the flow runtime host as a child process and keeps it running: a crash or a missed
 * heartbeat restarts it within seconds, with backoff, and a crash loop ends in `failed`.
 * `start()` rejects when the first host fails before it is ready; supervision carries on (state
 * `restarting`) until a host runs, the crash-loop guard trips, or `stop()` is called.
 */
export class FlowRuntimeSupervisor extends EventEmitter<FlowRuntimeEvents> {
  private child: ChildProcess | null = null;
  /** Why the current child is going away, when the supervisor knows better than its exit code. */
  private childReason: string | null = null;
  private pendingStart: Promise<FlowRuntimeStatus> | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private recentRestarts: number[] = [];
  private stopping = false;
  private readonly deployments = new Map<string, (error: string | null) => void>();
  private deploySeq = 0;
  private current: FlowRuntimeStatus = {
    state: 'stopped',
    pid: null,
    restarts: 0,
    startedAt: null,
    lastExitCode: null,
    lastError: null,
    palette: [],
    nodeRedVersion: null,
  };
  private readonly settings: Settings;

  constructor(options: SupervisorOptions = {}) {
    super();
    const env = options.env ?? {};
    assertSafeRuntimeEnv(env);
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 2000;
    this.settings = {
      env,
      hostScript: options.hostScript ?? join(__dirname, 'host.js'),
      execArgv: options.execArgv ?? [],
      user: options.user ?? null,
      readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      heartbeatIntervalMs,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 5 * heartbeatIntervalMs,
      maxRestarts: options.maxRestarts ?? 5,
      restartWindowMs: options.restartWindowMs ?? 60_000,
      stopGraceMs: options.stopGraceMs ?? 5000,
      log: options.log ?? (() => undefined),
    };
  }

  status(): FlowRuntimeStatus {
    return { ...this.current, palette: [...this.current.palette] };
  }

  /** Starts the host and resolves once it reports ready; idempotent while starting or running. */
  start(): Promise<FlowRuntimeStatus> {
    if (this.pendingStart) return this.pendingStart;
    if (this.child && this.current.state === 'running') return Promise.resolve(this.status());
    if (this.current.state === 'stopped' || this.current.state === 'failed') {
      this.recentRestarts = [];
      this.update({ restarts: 0 });
    }
    this.stopping = false;
    this.clearRestartTimer();
    return this.spawn();
  }

  /**
   * Replaces the running flows (one tab per automation). Resolves once they run; rejects with the
   * host's reason (e.g. a type not on the palette), or when no host is running.
   */
  deploy(flows: Array<Record<string, unknown>>, timeoutMs = 30_000): Promise<void> {
    const deployId = String(++this.deploySeq);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done('the flow runtime did not confirm the deployment in time'), timeoutMs);
      const done = (error: string | null) => {
        clearTimeout(timer);
        this.deployments.delete(deployId);
        if (error) reject(new Error(error));
        else resolve();
      };
      this.deployments.set(deployId, done);
      if (!this.sendToHost({ type: 'deploy', deployId, flows })) done('the flow runtime is not running');
    });
  }

  /** Hands a message to a deployed node; false when no host is running to take it. */
  trigger(node: string, msg: TriggerMessage['msg']): boolean {
    return this.sendToHost({ type: 'trigger', node, msg });
  }

  stopRun(runId: string): boolean {
    return this.sendToHost({ type: 'stop-run', runId });
  }

  private sendToHost(message: SupervisorMessage): boolean {
    const child = this.child;
    if (!child || !child.connected || this.current.state !== 'running') return false;
    child.send(message, (error) => error && this.settings.log('warn', `flow runtime IPC: ${error.message}`));
    return true;
  }

  /** The answer goes back to the host that asked, if it is still there. */
  private onAction(child: ChildProcess, { callId, call }: ActionMessage): void {
    const reply = (outcome: ActionOutcome) => {
      if (child !== this.child || !child.connected) return;
      const result: SupervisorMessage = { type: 'action-result', callId, ...outcome };
      child.send(result, (error) => error && this.settings.log('warn', `flow runtime IPC: ${error.message}`));
    };
    if (!this.emit('action', call, reply)) reply({ refused: 'no backend is listening for actions' });
  }

  /** Asks the host to shut down, SIGKILLs it after the grace period, and stops supervising. */
  async stop(graceMs = this.settings.stopGraceMs): Promise<void> {
    this.stopping = true;
    this.clearRestartTimer();
    this.clearHeartbeat();
    const child = this.child;
    if (child && child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      if (child.connected) {
        const shutdown: SupervisorMessage = { type: 'shutdown' };
        child.send(shutdown, (error) => error && child.kill('SIGKILL'));
      } else {
        child.kill('SIGTERM');
      }
      await exited;
      clearTimeout(killer);
    }
    this.update({ state: 'stopped', pid: null });
  }

  private spawn(): Promise<FlowRuntimeStatus> {
    const { hostScript, execArgv, env, user, heartbeatIntervalMs, readyTimeoutMs } = this.settings;
    const childEnv = buildChildEnv(process.env, env, { FLOW_RUNTIME_HEARTBEAT_MS: String(heartbeatIntervalMs) });
    const child = fork(hostScript, [], {
      env: childEnv,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(user ?? {}),
    });
    this.child = child;
    this.childReason = null;
    this.update({ state: this.current.restarts > 0 ? 'restarting' : 'starting', pid: child.pid ?? null });

    const attempt = new Promise<FlowRuntimeStatus>((resolve, reject) => {
      let ready = false;
      let gone = false;
      const readyTimer = setTimeout(() => {
        this.childReason = `flow runtime did not report ready within ${readyTimeoutMs} ms`;
        this.settings.log('error', this.childReason);
        child.kill('SIGKILL');
      }, readyTimeoutMs);
      const onGone = (code: number | null, signal: NodeJS.Signals | null) => {
        if (gone) return;
        gone = true;
        clearTimeout(readyTimer);
        const reason = this.childReason ?? describeExit(code, signal);
        this.onExit(child, code, signal, reason);
        if (!ready) reject(new Error(`flow runtime did not start: ${reason}`));
      };
      child.on('message', (message: unknown) => {
        if (child !== this.child || !isHostMessage(message)) return;
        if (message.type === 'ready') {
          ready = true;
          clearTimeout(readyTimer);
          this.onReady(message);
          resolve(this.status());
        } else if (message.type === 'heartbeat') {
          this.armHeartbeat();
        } else if (message.type === 'fatal') {
          this.childReason = message.error;
        } else if (message.type === 'deployed') {
          this.deployments.get(message.deployId)?.(message.error);
        } else if (message.type === 'steps') {
          this.emit('steps', message.steps);
        } else if (message.type === 'action') {
          this.onAction(child, message);
        } else {
          this.emit('run-settled', message);
        }
      });
      child.on('error', (error) => {
        // Spawn failures may never emit 'exit'; IPC send failures are followed by one.
        if (child.pid === undefined) onGone(null, null);
        else this.settings.log('warn', `flow runtime IPC: ${error.message}`);
      });
      child.once('exit', onGone);
    });
    this.pendingStart = attempt;
    const settle = () => {
      if (this.pendingStart === attempt) this.pendingStart = null;
    };
    attempt.then(settle, settle);
    return attempt;
  }

  private onReady(message: ReadyMessage): void {
    this.update({
      state: 'running',
      pid: message.pid,
      startedAt: new Date().toISOString(),
      palette: message.palette,
      nodeRedVersion: message.nodeRedVersion,
    });
    this.armHeartbeat();
    this.settings.log('info', `flow runtime ready (pid ${message.pid}, Node-RED ${message.nodeRedVersion})`);
    this.emit('ready', this.status());
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, reason: string): void {
    if (child !== this.child) return;
    this.clearHeartbeat();
    this.child = null;
    // Deployments the host never confirmed will not be: the next `ready` redeploys.
    for (const done of [...this.deployments.values()]) done(`the flow runtime went away: ${reason}`);
    const expected = this.stopping;
    this.update({ pid: null, lastExitCode: code, ...(expected ? {} : { lastError: reason }) });
    this.emit('exit', { pid: child.pid ?? null, code, signal, expected });
    if (expected) return;
    this.settings.log('warn', `${reason}; restarting`);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const { maxRestarts, restartWindowMs } = this.settings;
    const now = Date.now();
    this.recentRestarts = this.recentRestarts.filter((at) => now - at < restartWindowMs);
    if (this.recentRestarts.length >= maxRestarts) {
      this.update({ state: 'failed' });
      this.settings.log(
        'error',
        `flow runtime crashed ${maxRestarts + 1} times within ${restartWindowMs} ms; giving up`,
      );
      this.emit('failed', this.status());
      return;
    }
    const delay = restartDelay(this.recentRestarts.length);
    this.recentRestarts.push(now);
    this.update({ state: 'restarting', restarts: this.current.restarts + 1 });
    this.emit('restarting', this.status());
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.spawn().catch(() => undefined); // the failure is in status() and the next 'exit'
    }, delay);
  }

  private armHeartbeat(): void {
    this.clearHeartbeat();
    const child = this.child;
    this.heartbeatTimer = setTimeout(() => {
      this.childReason = `flow runtime missed its heartbeat for ${this.settings.heartbeatTimeoutMs} ms`;
      this.settings.log('warn', `${this.childReason}; killing it`);
      child?.kill('SIGKILL');
    }, this.settings.heartbeatTimeoutMs);
  }

  private clearHeartbeat(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private clearRestartTimer(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private update(patch: Partial<FlowRuntimeStatus>): void {
    this.current = { ...this.current, ...patch };
  }
}
