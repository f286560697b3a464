/**
 * What rule nodes and the backend say to each other. Nodes never hold secrets: each flow tab
 * carries a token scoped to its workspace and automation (tab env `SO_TOKEN`), and the host's
 * environment names the backend's internal API (`SO_API_URL`).
 */

/** Tab env variable: the bearer token scoped to one workspace and automation. */
export const TOKEN_ENV = 'SO_TOKEN';
/** Host env variable: base URL of the backend's internal API, e.g. http://127.0.0.1:3000/internal/v1. */
export const API_URL_ENV = 'SO_API_URL';

/** Run bookkeeping every message carries in `msg._so`; set by the backend when it starts a run. */
export interface RunContext {
  runId: string;
  /** Nodes this message has passed through (the loop guard counts them). */
  hops: number;
  /** Set when the backend resumes a waiting node: the output port to continue on. */
  resume?: { port: string };
  /** What the current node sent and on which port, for the host's step record (an unwired port sends no event). */
  sent?: { port: string; payload: unknown };
}

/** `POST {SO_API_URL}/actions/{type}` body: an action node's resolved config and the payload. */
export interface ActionRequest {
  runId: string;
  /** The graph node id (not the Node-RED id). */
  nodeId: string;
  config: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * The backend's answer: the payload to send on (`port` defaults to the node's first output), or
 * `waiting` when the run is parked (approval, long delay) until the backend resumes the node.
 */
export type ActionResponse = { payload: Record<string, unknown>; port?: string } | { waiting: true };
