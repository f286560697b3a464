import { FieldSpec, NodeType, nodeTypeSpec } from '../catalog';
import { resolveTemplate } from '../placeholders';
import { ActionRequest, ActionResponse, Backend, BACKEND_SETTING, TOKEN_ENV } from '../protocol';
import type { CompiledNodeDef, Done, Red, RedNode, Send, SoMessage } from './red';
import { onPort } from './red';

/** Config with every template field resolved against the payload; other fields as deployed. */
export function resolveConfig(type: NodeType, config: Record<string, unknown>, payload: unknown) {
  const templates = new Set(
    (nodeTypeSpec(type)?.config ?? []).filter((f: FieldSpec) => f.kind === 'template').map((f) => f.key),
  );
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      templates.has(key) && typeof value === 'string' ? resolveTemplate(value, payload) : value,
    ]),
  );
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
    const request = {
      runId: msg._so?.runId,
      nodeId,
      config: resolveConfig(type, config, msg.payload),
      payload: msg.payload,
    };
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
