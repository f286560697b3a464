import { NODE_CATALOG, nodeRedType } from '../catalog';
import { onPort, readNodeDef, type DeployedNodeDef, type Red, type RedNode } from './red';

/**
 * Triggers do no work in the runtime: the backend notices the event (a feed item, a signed hook
 * call, a cron tick, a post event, a metric), starts a run and hands the runtime the message for
 * this node, which passes it on.
 */
export = function registerTriggers(RED: Red): void {
  for (const spec of NODE_CATALOG.filter((s) => s.category === 'trigger')) {
    RED.nodes.registerType(nodeRedType(spec.type), function (this: RedNode, deployed: DeployedNodeDef) {
      RED.nodes.createNode(this, deployed);
      const def = readNodeDef(deployed);
      this.on('input', (msg, send, done) => {
        send(onPort(def.so.ports, 'out', msg));
        done();
      });
    });
  }
};
