import { decodeCompiledNode } from '@socialorchestrator/rule-nodes';
import type { DeployedNode } from './run-tracker';

type FlowObject = Record<string, unknown>;

/**
 * The nodes of a deployment, checked against the palette first: Node-RED stops *every* flow of
 * the runtime when one names an unknown type, so a bad deployment is refused whole instead.
 */
export function readDeployment(
  flows: FlowObject[],
  palette: ReadonlySet<string>,
): { nodes: Map<string, DeployedNode> } | { error: string } {
  const nodes = new Map<string, DeployedNode>();
  const tabs = new Map(flows.filter((f) => f.type === 'tab').map((f) => [f.id as string, f]));
  for (const flow of flows) {
    if (flow.type === 'tab') continue;
    const so = decodeCompiledNode(flow.so);
    const name = `node ${so?.nodeId ?? String(flow.id)} of flow ${String(flow.z)}`;
    if (typeof flow.type !== 'string' || !palette.has(flow.type)) {
      return { error: `${name}: type ${String(flow.type)} is not on this runtime's palette` };
    }
    if (!tabs.has(flow.z as string)) return { error: `${name}: it belongs to no flow` };
    if (!so) return { error: `${name}: it carries no automation description` };
    nodes.set(flow.id as string, {
      nodeId: so.nodeId,
      type: so.type,
      ports: so.ports,
      workspaceId: so.workspaceId,
      label: typeof flow.name === 'string' ? flow.name : undefined,
      onError: so.onError,
    });
  }
  return { nodes };
}
