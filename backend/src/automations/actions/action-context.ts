import type { Principal } from '../../access/access-context';
import type { Automation } from '../automation.entity';

/** One action request from a rule node, after its token was checked. */
export interface ActionContext {
  workspaceId: string;
  automation: Automation;
  /** Actions act as the automation's author, with the workspace's data only. */
  actor: Principal;
  runId: string;
  nodeId: string;
  config: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export type ActionResult = { payload: Record<string, unknown>; port?: string } | { waiting: true };

export type ActionHandler = (context: ActionContext) => Promise<ActionResult>;

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
