import { FieldSpec, NodeType, nodeTypeSpec } from '../catalog';
import { resolveTemplate } from '../placeholders';
import { ActionRequest, ActionResponse, API_URL_ENV, TOKEN_ENV } from '../protocol';
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

/** Asks the backend's internal API to do the node's work, with the token of this node's workspace. */
async function callBackend(RED: Red, node: RedNode, type: NodeType, request: ActionRequest): Promise<ActionResponse> {
  const base = RED.util.getSetting(node, API_URL_ENV);
  const token = RED.util.getSetting(node, TOKEN_ENV);
  if (!base || !token) throw new Error(`the runtime is missing ${base ? TOKEN_ENV : API_URL_ENV}`);
  const response = await fetch(`${base.replace(/\/+$/, '')}/actions/${type}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(request),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await response.json().catch(() => null)) as
    (ActionResponse & { detail?: string; title?: string }) | null;
  if (!response.ok || !body) {
    throw new Error(body?.detail ?? body?.title ?? `the backend answered ${response.status}`);
  }
  return body;
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
