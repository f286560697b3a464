import { ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { isHostMessage, type HostMessage } from './messages';

export type RuntimeState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface FlowRuntimeStatus {
  state: RuntimeState;
  pid: number | null;
  restarts: number;
  startedAt: string | null;
  lastExitCode: number | null;
  lastError: string | null;
  palette: string[];
  nodeRedVersion: string | null;
}

export interface SupervisorOptions {
  /** The child's whole environment: only what the runtime needs, never database URLs or secrets. */
  env?: Record<string, string>;
  hostScript?: string;
  readyTimeoutMs?: number;
  heartbeatTimeoutMs?: number;
  /** Crash-loop guard: at most this many restarts within `restartWindowMs`, then state `failed`. */
  maxRestarts?: number;
  restartWindowMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Variables the child may inherit from the parent; everything else is dropped. */
const INHERITED_ENV = ['PATH', 'HOME', 'TZ', 'LANG', 'NODE_OPTIONS', 'LOG_LEVEL', 'FLOW_RUNTIME_DIR'];

/**
 * Runs the flow runtime host as a child process and keeps it running: a crash or a missed
 * heartbeat restarts it within seconds, with backoff, and a crash loop ends in `failed`.
 */
export class FlowRuntimeSupervisor extends EventEmitter {
  private child: ChildProcess | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private recentRestarts: number[] = [];
  private stopping = false;
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
  private readonly options: Required<Omit<SupervisorOptions, 'env'>> & { env: Record<string, string> };

  constructor(options: SupervisorOptions = {}) {
    super();
    this.options = {
      env: options.env ?? {},
      hostScript: options.hostScript ?? join(__dirname, 'host.js'),
      readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 10_000,
      maxRestarts: options.maxRestarts ?? 5,
      restartWindowMs: options.restartWindowMs ?? 60_000,
      log: options.log ?? (() => undefined),
    };
  }

  status(): FlowRuntimeStatus {
    return { ...this.current, palette: [...this.current.palette] };
  }

  /** Starts the host and resolves once it reports ready. */
  start(): Promise<FlowRuntimeStatus> {
    this.stopping = false;
    return this.spawn();
  }

  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.clearHeartbeat();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.send({ type: 'shutdown' });
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    }
    this.update({ state: 'stopped', pid: null });
  }

  private spawn(): Promise<FlowRuntimeStatus> {
    const env = { ...pick(process.env, INHERITED_ENV), ...this.options.env };
    const child = fork(this.options.hostScript, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    this.update({ state: this.current.restarts > 0 ? 'restarting' : 'starting', pid: child.pid ?? null });
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.options.log('error', 'flow runtime did not become ready in time');
        child.kill('SIGKILL');
      }, this.options.readyTimeoutMs);
      child.on('message', (message: unknown) => {
        if (!isHostMessage(message)) return;
        if (message.type === 'ready') {
          clearTimeout(timeout);
          this.onReady(message);
          resolve(this.status());
        } else if (message.type === 'heartbeat') {
          this.armHeartbeat();
        } else {
          this.update({ lastError: message.error });
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timeout);
        const wasReady = this.current.state === 'running';
        this.onExit(child, code, signal);
        if (!wasReady) reject(new Error(this.current.lastError ?? `flow runtime exited (${code ?? signal})`));
      });
    });
  }

  private onReady(message: Extract<HostMessage, { type: 'ready' }>): void {
    this.update({
      state: 'running',
      pid: message.pid,
      startedAt: new Date().toISOString(),
      palette: message.palette,
      nodeRedVersion: message.nodeRedVersion,
      lastError: null,
    });
    this.armHeartbeat();
    this.options.log('info', `flow runtime ready (pid ${message.pid}, Node-RED ${message.nodeRedVersion})`);
    this.emit('ready', this.status());
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.clearHeartbeat();
    this.child = null;
    this.update({ lastExitCode: code, pid: null });
    this.emit('exit', { code, signal });
    if (this.stopping) return;
    this.options.log('warn', `flow runtime exited (${code ?? signal}); restarting`);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const now = Date.now();
    this.recentRestarts = this.recentRestarts.filter((t) => now - t < this.options.restartWindowMs);
    if (this.recentRestarts.length >= this.options.maxRestarts) {
      this.update({ state: 'failed' });
      this.options.log('error', 'flow runtime keeps crashing; giving up until the next start');
      this.emit('failed', this.status());
      return;
    }
    // 0.25 s, 0.5 s, 1 s, 2 s… capped at 4 s: a single crash is back well within 5 s.
    const delay = Math.min(250 * 2 ** this.recentRestarts.length, 4000);
    this.recentRestarts.push(now);
    this.update({ state: 'restarting', restarts: this.current.restarts + 1 });
    this.emit('restarting', this.status());
    this.restartTimer = setTimeout(() => void this.spawn().catch(() => undefined), delay);
  }

  private armHeartbeat(): void {
    this.clearHeartbeat();
    this.heartbeatTimer = setTimeout(() => {
      this.options.log('warn', 'flow runtime missed its heartbeat; killing it');
      this.child?.kill('SIGKILL');
    }, this.options.heartbeatTimeoutMs);
  }

  private clearHeartbeat(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private update(patch: Partial<FlowRuntimeStatus>): void {
    this.current = { ...this.current, ...patch };
  }
}

function pick(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n] as string]));
}
