import { FieldSpec, NodeType, nodeTypeSpec } from '../catalog';
import { fillTemplate } from '../placeholders';
import { ActionRequest, ActionResponse, Backend, BACKEND_SETTING, TOKEN_ENV } from '../protocol';
import type { CompiledNodeDef, Done, Red, RedNode, Send, SoMessage } from './red';
import { onPort } from './red';

/** A template field of a step needed a field its input does not have: the step fails, naming both. */
export class MissingFieldError extends Error {
  override name = 'MissingFieldError';
  constructor(
    readonly step: string,
    readonly setting: string,
    readonly fields: string[],
  ) {
    const named = fields.map((f) => `{{${f}}}`).join(', ');
    super(
      `Step "${step}": ${setting} needs ${named}, which ${fields.length > 1 ? 'are' : 'is'} not in its input. ` +
        `Map the field under another name, or give it a default: {{${fields[0]} | "…"}}`,
    );
  }
}

/** Whether a field matters with this config (a field required only in another mode is left alone). */
const inUse = (field: FieldSpec, config: Record<string, unknown>) =>
  !field.requiredWhen || config[field.requiredWhen.key] === field.requiredWhen.equals;

/**
 * Config with every template field resolved against the payload; other fields as deployed.
 * Throws `MissingFieldError` (named by `step`, the node's label) when a placeholder without a
 * default finds nothing, so the run step fails instead of sending text with a hole in it.
 */
export function resolveConfig(type: NodeType, config: Record<string, unknown>, payload: unknown, step?: string) {
  const fields = (nodeTypeSpec(type)?.config ?? []).filter((f: FieldSpec) => f.kind === 'template');
  const resolved = { ...config };
  for (const field of fields) {
    const value = config[field.key];
    if (typeof value !== 'string') continue;
    const { text, missing } = fillTemplate(value, payload);
    if (missing.length && inUse(field, config)) {
      throw new MissingFieldError(step ?? nodeTypeSpec(type)?.label ?? type, field.label, missing);
    }
    resolved[field.key] = text;
  }
  return resolved;
}

/** Asks the backend to do the node's work, with the token of this node's workspace. */
function callBackend(RED: Red, node: RedNode, type: NodeType, request: ActionRequest): Promise<ActionResponse> {
  const backend = RED.settings[BACKEND_SETTING] as Backend | undefined;
  const token = RED.util.getSetting(node, TOKEN_ENV);
  if (!backend || !token)
    return Promise.reject(new Error(`the runtime is missing ${backend ? TOKEN_ENV : 'its backend'}`));
  return backend.act({ ...request, type, token });
}

/**
 * Runs one message through a backend-backed node: a resumed message continues on the port the
 * backend names; otherwise the backend acts and either answers with the payload to send on, or
 * parks the run (`waiting`) and resumes this node later.
 */
export function handleWithBackend(RED: Red, node: RedNode, def: CompiledNodeDef) {
  const { nodeId, ports, config } = def.so;
  const type = def.so.type as NodeType;
  return (msg: SoMessage, send: Send, done: Done): void => {
    if (msg._so?.resume) {
      const { port } = msg._so.resume;
      delete msg._so.resume;
      try {
        send(onPort(ports, port, msg));
        return done();
      } catch (error) {
        return done(error as Error);
      }
    }
    let resolved: Record<string, unknown>;
    try {
      resolved = resolveConfig(type, config, msg.payload, def.name);
    } catch (error) {
      return done(error as Error);
    }
    const request = { runId: msg._so?.runId, nodeId, config: resolved, payload: msg.payload };
    callBackend(RED, node, type, request)
      .then((answer) => {
        if ('waiting' in answer) {
          node.status({ fill: 'yellow', shape: 'ring', text: 'waiting' });
          return done();
        }
        send(onPort(ports, answer.port ?? ports[0], { ...msg, payload: answer.payload }));
        done();
      })
      .catch((error: Error) => done(error));
  };
}
