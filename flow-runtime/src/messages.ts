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

export type HostMessage = ReadyMessage | HeartbeatMessage | FatalMessage;

/** Supervisor → host: stop Node-RED cleanly and exit 0. */
export interface ShutdownMessage {
  type: 'shutdown';
}

export type SupervisorMessage = ShutdownMessage;

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
    default:
      return false;
  }
}

export function isSupervisorMessage(value: unknown): value is SupervisorMessage {
  return isObject(value) && value.type === 'shutdown';
}
