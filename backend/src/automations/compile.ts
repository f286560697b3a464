import {
  encodeCompiledNode,
  nodeRedType,
  nodeTypeSpec,
  outputPorts,
  TOKEN_ENV,
  withDefaults,
} from '@socialorchestrator/rule-nodes';
import type { Graph } from './graph';

export interface Deployable {
  automationId: string;
  workspaceId: string;
  name: string;
  version: number;
  graph: Graph;
  /** Scoped to this workspace and automation; the only credential the runtime gets. */
  token: string;
  /** The flow's (tab's) id: the automation's id, or a test's own (`testFlowId`). */
  flowId?: string;
}

/** Node-RED ids are global to the runtime: the automation's id keeps graph node ids apart. */
export const runtimeNodeId = (automationId: string, nodeId: string) => `${automationId}:${nodeId}`;

/**
 * A test runs on a temporary flow of its own, compiled from the draft it ran and deployed beside
 * the live ones until it settles: live messages can never reach it, nor it live flows.
 */
export const testFlowId = (runId: string) => `test-${runId}`;

/** The flow a run's messages go to: its test flow, or its automation's published one. */
export const flowIdOf = (run: { id: string; automationId: string; draftGraph: unknown }) =>
  run.draftGraph ? testFlowId(run.id) : run.automationId;

/**
 * A published graph as Node-RED flow JSON: one tab per automation carrying its token, one node
 * per graph node (`so-<type>`), wired port by port. Only catalog fields reach a node: the `so`
 * block is all the node reads, so nothing in a graph can set Node-RED's own properties. It goes as
 * JSON text, so Node-RED cannot fill user text such as `${SO_TOKEN}` from the runtime's environment.
 */
export function compileAutomation(d: Deployable): Array<Record<string, unknown>> {
  const flowId = d.flowId ?? d.automationId;
  const tab = {
    id: flowId,
    type: 'tab',
    label: `${d.name} (v${d.version})`,
    env: [{ name: TOKEN_ENV, type: 'str', value: d.token }],
  };
  const nodes = d.graph.nodes.map((node) => {
    const spec = nodeTypeSpec(node.type)!;
    const config = withDefaults(node.type, node.config);
    const ports = outputPorts(node.type, config, node.onError);
    const wires = ports.map((port) =>
      d.graph.edges
        .filter((e) => e.from.node === node.id && e.from.port === port)
        .map((e) => runtimeNodeId(flowId, e.to.node)),
    );
    return {
      id: runtimeNodeId(flowId, node.id),
      type: nodeRedType(node.type),
      z: flowId,
      // The step's own label names it in run errors ("Step \"Announce\": …"); Node-RED shows it too.
      name: (node as { label?: string }).label?.trim() || spec.label,
      wires,
      so: encodeCompiledNode({
        nodeId: node.id,
        type: node.type,
        ports,
        config,
        workspaceId: d.workspaceId,
        // Only a policy that does something travels: the host applies it when the node fails.
        ...(node.onError && node.onError.mode !== 'stop' && { onError: node.onError }),
      }),
    };
  });
  return [tab, ...nodes];
}
