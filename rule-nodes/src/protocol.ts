/**
 * What rule nodes and the backend say to each other. Nodes never hold secrets: each flow tab
 * carries a token scoped to its workspace and automation (tab env `SO_TOKEN`), and the host gives
 * the nodes a `Backend` (Node-RED setting `BACKEND_SETTING`) that carries their calls, with that
 * token, to the backend process supervising the runtime.
 */

import type { NodeErrorPolicy } from './error-policy';

/** Tab env variable: the token scoped to one workspace and automation. */
export const TOKEN_ENV = 'SO_TOKEN';
/** Node-RED setting holding the host's `Backend`. */
export const BACKEND_SETTING = 'socialOrchestratorBackend';

/** Run bookkeeping every message carries in `msg._so`; set by the backend when it starts a run. */
export interface RunContext {
  runId: string;
  /** Nodes this message has passed through (the loop guard counts them). */
  hops: number;
  /** Set when the backend resumes a waiting run: the steps it took before (the step guard counts on). */
  steps?: number;
  /** Set when the backend resumes a waiting node: the output port to continue on. */
  resume?: { port: string };
  /** What the current node sent and on which port, for the host's step record (an unwired port sends no event). */
  sent?: { port: string; payload: unknown };
}

/** What an action node asks of the backend: its resolved config and the payload. */
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

/** One action call as it travels to the backend: the request, the node type and the tab's token. */
export interface ActionCall extends ActionRequest {
  type: string;
  token: string;
}

/** How rule nodes reach the backend; rejects with the backend's reason when it refuses. */
export interface Backend {
  act(call: ActionCall): Promise<ActionResponse>;
}

/** What the backend's compiler says of each node it deploys: the rule nodes and the host read it. */
export interface CompiledNodeSpec {
  /** The graph node id (not the Node-RED id). */
  nodeId: string;
  type: string;
  ports: string[];
  config: Record<string, unknown>;
  workspaceId: string;
  /** The step's policy when it fails (the runtime host applies it); absent: the run fails. */
  onError?: NodeErrorPolicy;
}

/**
 * The node's description as it travels in the flow JSON: JSON text, not an object. When Node-RED
 * creates a node it replaces every config string, at any depth, that is exactly `${NAME}` or
 * `$(NAME)` with the tab's env value or the runtime process's environment (`SO_TOKEN`, `PATH`):
 * user text would leak them. A string that starts with `{` is never replaced, so the text typed
 * into a node reaches it as typed.
 */
export const encodeCompiledNode = (spec: CompiledNodeSpec): string => JSON.stringify(spec);

/** The description back from the flow JSON; null when it carries none (or not as JSON text). */
export function decodeCompiledNode(so: unknown): CompiledNodeSpec | null {
  if (typeof so !== 'string') return null;
  try {
    const spec = JSON.parse(so) as Partial<CompiledNodeSpec> | null;
    if (
      !spec ||
      typeof spec.nodeId !== 'string' ||
      typeof spec.type !== 'string' ||
      typeof spec.workspaceId !== 'string' ||
      !Array.isArray(spec.ports) ||
      typeof spec.config !== 'object' ||
      spec.config === null
    )
      return null;
    return spec as CompiledNodeSpec;
  } catch {
    return null;
  }
}
