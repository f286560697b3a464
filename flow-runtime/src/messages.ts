import type { ActionCall, ActionResponse } from '@socialorchestrator/rule-nodes';

/**
 * IPC between the supervisor (parent) and the runtime host (child), over Node's `fork` channel
 * (JSON serialisation). Both sides validate what they receive: a message that does not match is
 * ignored, never trusted.
 */

/** Host → supervisor: Node-RED is running its flows (sent once, after `flows:started`). */
export interface ReadyMessage {
  type: 'ready';
  pid: number;
  nodeRedVersion: string;
  /** Node types that loaded, e.g. `['inject', 'change', 'switch', …]`. */
  palette: string[];
}

/** Host → supervisor: still alive and its event loop is turning (every `FLOW_RUNTIME_HEARTBEAT_MS`). */
export interface HeartbeatMessage {
  type: 'heartbeat';
  /** Host clock, epoch milliseconds. */
  at: number;
}

/** Host → supervisor: the reason the host is about to exit non-zero. */
export interface FatalMessage {
  type: 'fatal';
  error: string;
}

/** Host → supervisor: the outcome of a `deploy`. */
export interface DeployedMessage {
  type: 'deployed';
  deployId: string;
  /** Why the flows were refused (e.g. a type not on the palette); null when they run. */
  error: string | null;
}

/** One node handling one message of a run. */
export interface StepRecord {
  runId: string;
  /** The graph node id (not Node-RED's). */
  nodeId: string;
  nodeType: string;
  /** The output port taken; null when nothing went out. */
  port: string | null;
  input: unknown;
  output: unknown;
  /** Epoch milliseconds. */
  startedAt: number;
  durationMs: number;
  error: string | null;
}

/** Host → supervisor: steps recorded since the last batch (sent every few ms while runs are busy). */
export interface StepsMessage {
  type: 'steps';
  steps: StepRecord[];
}

/**
 * Host → supervisor: no message of the run is in flight any more (its steps were sent before).
 * `stopped` names the limit that stopped it (loop guard, flood); `error` the first node failure.
 */
export interface RunSettledMessage {
  type: 'run-settled';
  runId: string;
  error: string | null;
  stopped: string | null;
}

/** Host → supervisor: a rule node asks the backend to act (answered by an `action-result`). */
export interface ActionMessage {
  type: 'action';
  callId: number;
  call: ActionCall;
}

export type HostMessage =
  ReadyMessage | HeartbeatMessage | FatalMessage | DeployedMessage | StepsMessage | RunSettledMessage | ActionMessage;

/** Supervisor → host: stop Node-RED cleanly and exit 0. */
export interface ShutdownMessage {
  type: 'shutdown';
}

/** Supervisor → host: replace every flow with these (Node-RED flow JSON; one tab per automation). */
export interface DeployMessage {
  type: 'deploy';
  deployId: string;
  flows: Array<Record<string, unknown>>;
}

/** Supervisor → host: hand a message to a deployed node (a trigger, or a resumed waiting node). */
export interface TriggerMessage {
  type: 'trigger';
  /** Node-RED id of the node. */
  node: string;
  msg: {
    payload: Record<string, unknown>;
    /** `steps`: those the run took before it waited, when it resumes (the step guard counts on). */
    _so: { runId: string; hops: number; steps?: number; resume?: { port: string } };
  };
}

/** Supervisor → host: drop every further message of a run (a limit or a person stopped it). */
export interface StopRunMessage {
  type: 'stop-run';
  runId: string;
}

/** The backend's answer to an action: what the node sends on, or why it was refused. */
export type ActionOutcome = { response: ActionResponse } | { refused: string };

/** Supervisor → host: the outcome of the `action` with this `callId`. */
export type ActionResultMessage = { type: 'action-result'; callId: number } & ActionOutcome;

export type SupervisorMessage = ShutdownMessage | DeployMessage | TriggerMessage | StopRunMessage | ActionResultMessage;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return (
        typeof value.pid === 'number' &&
        typeof value.nodeRedVersion === 'string' &&
        Array.isArray(value.palette) &&
        value.palette.every((type) => typeof type === 'string')
      );
    case 'heartbeat':
      return typeof value.at === 'number';
    case 'fatal':
      return typeof value.error === 'string';
    case 'deployed':
      return typeof value.deployId === 'string' && (value.error === null || typeof value.error === 'string');
    case 'steps':
      return Array.isArray(value.steps) && value.steps.every((s) => isObject(s) && typeof s.runId === 'string');
    case 'run-settled':
      return typeof value.runId === 'string';
    case 'action':
      return typeof value.callId === 'number' && isActionCall(value.call);
    default:
      return false;
  }
}

export function isSupervisorMessage(value: unknown): value is SupervisorMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'shutdown':
      return true;
    case 'deploy':
      return typeof value.deployId === 'string' && Array.isArray(value.flows) && value.flows.every(isObject);
    case 'trigger':
      return (
        typeof value.node === 'string' &&
        isObject(value.msg) &&
        isObject(value.msg.payload) &&
        isObject(value.msg._so) &&
        typeof value.msg._so.runId === 'string'
      );
    case 'stop-run':
      return typeof value.runId === 'string';
    case 'action-result':
      return (
        typeof value.callId === 'number' &&
        (typeof value.refused === 'string' || (isObject(value.response) && !('refused' in value)))
      );
    default:
      return false;
  }
}

function isActionCall(value: unknown): value is ActionCall {
  return (
    isObject(value) &&
    ['type', 'token', 'runId', 'nodeId'].every((key) => typeof value[key] === 'string') &&
    isObject(value.config) &&
    isObject(value.payload)
  );
}
