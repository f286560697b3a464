import { NODE_CATALOG, nodeRedType } from '../catalog';
import { handleWithBackend } from './backend';
import { readNodeDef, type DeployedNodeDef, type Red, type RedNode } from './red';

/** Actions change the domain, so the backend does them; the node resolves its config and relays. */
export = function registerActions(RED: Red): void {
  for (const spec of NODE_CATALOG.filter((s) => s.category === 'action')) {
    RED.nodes.registerType(nodeRedType(spec.type), function (this: RedNode, deployed: DeployedNodeDef) {
      RED.nodes.createNode(this, deployed);
      const def = readNodeDef(deployed);
      this.on('input', handleWithBackend(RED, this, def));
    });
  }
};
