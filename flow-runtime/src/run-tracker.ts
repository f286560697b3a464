import { ERROR_PORT, retriesOf, retryWaitMs, type NodeErrorPolicy } from '@socialorchestrator/rule-nodes';
import type { HostMessage, StepRecord } from './messages';

/** What the host knows of a deployed node, from the `so` block the backend's compiler adds. */
export interface DeployedNode {
  nodeId: string;
  type: string;
  ports: string[];
  workspaceId: string;
  /** The step's name, as the failing item's `error.step` gives it. */
  label?: string;
  /** What the host does when the node fails; absent: the run fails. */
  onError?: NodeErrorPolicy;
}

/** How the tracker gives a message back to a node (a retry) or sends it out of a node's port. */
export interface NodeDelivery {
  /** False when the node is no longer deployed. */
  receive(nodeRedId: string, msg: object): boolean;
  send(nodeRedId: string, outputs: Array<object | null>): boolean;
}

export interface RunLimits {
  /** A message that passes more nodes than this is dropped and its run stopped (loop guard). */
  maxHops: number;
  /**
   * Steps one run may take in all, across its branches and the turns it waited between (step
   * guard): a graph that fans out multiplies its messages without any one passing many nodes.
   */
  maxSteps: number;
  /** Deliveries per second per workspace; beyond it, runs are stopped (flood guard). */
  messagesPerSecond: number;
}

interface RunMessage {
  _so?: { runId?: unknown; hops?: unknown; sent?: { port?: unknown; payload?: unknown } };
  payload?: unknown;
  [key: string]: unknown;
}
interface Pending {
  msg: object;
  input: unknown;
  startedAt: number;
  port: string | null;
  output: unknown;
}
interface RunState {
  inFlight: number;
  /** Steps begun, those before a wait included. */
  steps: number;
  error: string | null;
  stopped: string | null;
}

/** The part of Node-RED's hook API the tracker uses. */
export interface Hooks {
  add(name: string, handler: (event: never) => boolean | void): void;
}

const runIdOf = (msg: RunMessage | undefined): string | null =>
  msg && msg._so && typeof msg._so.runId === 'string' ? msg._so.runId : null;

/**
 * Follows every run through Node-RED with its message hooks: records each node's step (input,
 * output, port, duration, error), counts messages in flight to tell when a run has settled, and
 * enforces the per-workspace limits — hops per message, steps per run and messages per second — by dropping
 * the messages of a runaway run, so other workspaces' flows keep running.
 */
export class RunTracker {
  private nodes = new Map<string, DeployedNode>();
  private readonly runs = new Map<string, RunState>();
  private readonly pending = new Map<string, Pending[]>();
  private readonly rate = new Map<string, { second: number; count: number }>();
  private steps: StepRecord[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  /** Retries a message has had at the node that failed it (a message that moves on starts again). */
  private readonly attempts = new WeakMap<object, { nodeId: string; retries: number }>();
  /** Set while the tracker itself sends out of an error port: that send is no node's step output. */
  private sendingError = false;

  constructor(
    private readonly send: (message: HostMessage) => void,
    private readonly limits: RunLimits,
    private readonly now: () => number = Date.now,
    private readonly delivery: NodeDelivery | null = null,
  ) {}

  install(hooks: Hooks): void {
    hooks.add('onSend.so', (events: Array<{ msg: RunMessage; source: { id: string; port?: number } }>) => {
      for (const event of events) this.sent(event.msg, event.source.id, event.source.port ?? 0);
    });
    hooks.add('onReceive.so', (event: { msg: RunMessage; destination: { id: string } }) =>
      this.received(event.msg, event.destination.id),
    );
    hooks.add('onComplete.so', (event: { msg: RunMessage; node: { id: string }; error?: unknown }) =>
      this.completed(event.msg, event.node.id, event.error),
    );
  }

  /** The nodes of the flows now deployed, by Node-RED id. */
  deployed(nodes: Map<string, DeployedNode>): void {
    this.nodes = nodes;
  }

  /**
   * A trigger or resume message is about to be handed to a node; `stepsBefore` are the steps the
   * run took before it waited (the backend counts them), so a loop through a long wait is bounded too.
   */
  injected(runId: string, stepsBefore = 0): void {
    const run = this.state(runId);
    run.inFlight++;
    if (Number.isSafeInteger(stepsBefore) && stepsBefore > run.steps) run.steps = stepsBefore;
  }

  /** Drops every further message of the run. */
  stop(runId: string, reason: string): void {
    const run = this.runs.get(runId);
    if (run && !run.stopped) run.stopped = reason;
  }

  /** A message that never reached a node (its node was not deployed). */
  lost(runId: string, reason: string): void {
    const run = this.state(runId);
    run.error ??= reason;
    this.leave(runId);
  }

  private state(runId: string): RunState {
    let run = this.runs.get(runId);
    if (!run) {
      run = { inFlight: 0, steps: 0, error: null, stopped: null };
      this.runs.set(runId, run);
    }
    return run;
  }

  private sent(msg: RunMessage, sourceId: string, portIndex: number): void {
    const runId = runIdOf(msg);
    if (!runId) return;
    this.state(runId).inFlight++;
    if (this.sendingError) return;
    const step = this.pending.get(`${runId}|${sourceId}`)?.find((p) => p.port === null);
    if (step) {
      step.port = this.nodes.get(sourceId)?.ports[portIndex] ?? String(portIndex);
      step.output = msg.payload;
    }
  }

  private received(msg: RunMessage, nodeId: string): boolean | void {
    const runId = runIdOf(msg);
    if (!runId) return;
    const run = this.state(runId);
    const node = this.nodes.get(nodeId);
    const hops = (typeof msg._so!.hops === 'number' ? msg._so!.hops : 0) + 1;
    msg._so!.hops = hops;
    delete msg._so!.sent;
    if (!run.stopped && hops > this.limits.maxHops) {
      run.stopped = `loop guard: a message passed more than ${this.limits.maxHops} nodes`;
    }
    if (!run.stopped && ++run.steps > this.limits.maxSteps) {
      run.stopped = `step guard: the run took more than ${this.limits.maxSteps} steps`;
    }
    if (!run.stopped && node && !this.withinRate(node.workspaceId)) {
      run.stopped = `flood guard: the workspace sent more than ${this.limits.messagesPerSecond} messages in one second`;
    }
    if (run.stopped) {
      this.leave(runId);
      return false;
    }
    const key = `${runId}|${nodeId}`;
    const list = this.pending.get(key) ?? [];
    list.push({ msg, input: msg.payload, startedAt: this.now(), port: null, output: null });
    this.pending.set(key, list);
  }

  private completed(msg: RunMessage, nodeId: string, error: unknown): void {
    const runId = runIdOf(msg);
    if (!runId) return;
    const key = `${runId}|${nodeId}`;
    const list = this.pending.get(key) ?? [];
    const index = Math.max(
      0,
      list.findIndex((p) => p.msg === msg),
    );
    const [step] = list.splice(index, 1);
    if (!list.length) this.pending.delete(key);
    const node = this.nodes.get(nodeId);
    const message = error ? (error instanceof Error ? error.message : String(error)) : null;
    if (!message) this.attempts.delete(msg);
    const run = this.state(runId);
    const handling = message && node && !run.stopped ? this.handling(msg, nodeId, node) : null;
    if (step && node) {
      const startedAt = step.startedAt;
      // A port with no wires sends no event: the node notes what it sent, and where, on the message.
      const sent = msg._so?.sent;
      const chosen = !error && typeof sent?.port === 'string' ? sent.port : null;
      const port = handling?.kind === 'continue' ? ERROR_PORT : (step.port ?? chosen);
      this.record({
        runId,
        nodeId: node.nodeId,
        nodeType: node.type,
        port,
        input: step.input,
        output:
          handling?.kind === 'continue'
            ? this.failedItem(step.input, message!, node)
            : step.port !== null
              ? step.output
              : port !== null
                ? sent?.payload
                : null,
        startedAt,
        durationMs: this.now() - startedAt,
        error: handling?.kind === 'retry' ? `${message} (attempt ${handling.attempt}; ${handling.next})` : message,
      });
    }
    if (handling?.kind === 'retry') return this.retryLater(runId, msg, nodeId, handling.waitMs);
    if (handling?.kind === 'continue') this.sendOnErrorPort(msg, nodeId, node!, step?.input, message!);
    else if (message) {
      const tries = this.attempts.get(msg)?.retries;
      run.error ??= `${node?.nodeId ?? nodeId}: ${message}${tries ? ` (after ${tries} ${tries > 1 ? 'retries' : 'retry'})` : ''}`;
    }
    this.leave(runId);
  }

  /** What the node's error policy does with this failure: nothing (the run fails), a retry, or the error port. */
  private handling(
    msg: RunMessage,
    nodeId: string,
    node: DeployedNode,
  ): { kind: 'retry'; attempt: number; waitMs: number; next: string } | { kind: 'continue' } | null {
    if (!this.delivery || !node.onError) return null;
    const retries = retriesOf(node.onError);
    const done = this.attempts.get(msg);
    const tried = done?.nodeId === nodeId ? done.retries : 0;
    if (tried < retries) {
      const waitMs = retryWaitMs(node.onError, tried + 1);
      this.attempts.set(msg, { nodeId, retries: tried + 1 });
      return { kind: 'retry', attempt: tried + 1, waitMs, next: `retrying in ${waitMs / 1000} s` };
    }
    return node.onError.mode === 'continue' && node.ports.includes(ERROR_PORT) ? { kind: 'continue' } : null;
  }

  /** The failing item as it leaves by the error port: its payload with the error and the step's name. */
  private failedItem(input: unknown, message: string, node: DeployedNode): Record<string, unknown> {
    const payload = input && typeof input === 'object' && !Array.isArray(input) ? input : {};
    return { ...payload, error: { message, step: node.label ?? node.type } };
  }

  private sendOnErrorPort(msg: RunMessage, nodeId: string, node: DeployedNode, input: unknown, message: string): void {
    const out = { ...msg, payload: this.failedItem(input ?? msg.payload, message, node) };
    const outputs = node.ports.map((port) => (port === ERROR_PORT ? out : null));
    this.sendingError = true;
    try {
      this.delivery!.send(nodeId, outputs);
    } finally {
      this.sendingError = false;
    }
  }

  /** The same message to the same node after the wait; the run stays in flight meanwhile. */
  private retryLater(runId: string, msg: RunMessage, nodeId: string, waitMs: number): void {
    const timer = setTimeout(() => {
      if (this.delivery!.receive(nodeId, msg)) return;
      this.lost(runId, `${this.nodes.get(nodeId)?.nodeId ?? nodeId}: the step was redeployed while it waited to retry`);
    }, waitMs);
    timer.unref?.();
  }

  private withinRate(workspaceId: string): boolean {
    const second = Math.floor(this.now() / 1000);
    const window = this.rate.get(workspaceId);
    if (!window || window.second !== second) {
      this.rate.set(workspaceId, { second, count: 1 });
      return true;
    }
    window.count++;
    return window.count <= this.limits.messagesPerSecond;
  }

  /** One message of the run is done; the last one settles the run (after its steps went out). */
  private leave(runId: string): void {
    const run = this.state(runId);
    run.inFlight--;
    if (run.inFlight > 0) return;
    this.runs.delete(runId);
    this.flush();
    this.send({ type: 'run-settled', runId, error: run.error, stopped: run.stopped });
  }

  private record(step: StepRecord): void {
    this.steps.push(step);
    if (this.steps.length >= 200) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), 20);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.steps.length) return;
    const steps = this.steps;
    this.steps = [];
    this.send({ type: 'steps', steps });
  }
}
