import type { TopLevelCondition } from 'json-rules-engine';
import { nodeRedType } from '../catalog';
import { valueAt } from '../placeholders';
import { conditionEngine, matches } from '../rules';
import { handleWithBackend, resolveConfig } from './backend';
import { onPort, readNodeDef, type DeployedNodeDef, type Red, type RedNode } from './red';

/** Waits up to this long in memory; longer waits are parked in the database by the backend. */
const IN_MEMORY_DELAY_MS = 10_000;

function registerCondition(RED: Red): void {
  RED.nodes.registerType(nodeRedType('condition'), function (this: RedNode, deployed: DeployedNodeDef) {
    RED.nodes.createNode(this, deployed);
    const def = readNodeDef(deployed);
    const engine = conditionEngine(def.so.config.rules as TopLevelCondition);
    this.on('input', (msg, send, done) => {
      matches(engine, msg.payload ?? {})
        .then((ok) => {
          send(onPort(def.so.ports, ok ? 'true' : 'false', msg));
          done();
        })
        .catch((error: Error) => done(error));
    });
  });
}

function registerSwitch(RED: Red): void {
  RED.nodes.registerType(nodeRedType('switch'), function (this: RedNode, deployed: DeployedNodeDef) {
    RED.nodes.createNode(this, deployed);
    const def = readNodeDef(deployed);
    const field = String(def.so.config.field);
    const cases = def.so.config.cases as Array<{ port: string; equals: string }>;
    this.on('input', (msg, send, done) => {
      const value = valueAt(msg.payload, field);
      const match = cases.find((c) => value !== undefined && value !== null && String(value) === c.equals);
      send(onPort(def.so.ports, match?.port ?? 'otherwise', msg));
      done();
    });
  });
}

/** How long to wait, in ms, from now; null when the config does not say (an unreadable time). */
function waitMs(config: Record<string, unknown>, now: number): number | null {
  if (config.mode === 'until') {
    const at = Date.parse(String(config.until ?? ''));
    return Number.isNaN(at) ? null : Math.max(0, at - now);
  }
  return Math.max(0, Number(config.minutes ?? 0) * 60_000);
}

function registerDelay(RED: Red): void {
  RED.nodes.registerType(nodeRedType('delay'), function (this: RedNode, deployed: DeployedNodeDef) {
    RED.nodes.createNode(this, deployed);
    const def = readNodeDef(deployed);
    const timers = new Set<NodeJS.Timeout>();
    const park = handleWithBackend(RED, this, def);
    this.on('input', (msg, send, done) => {
      if (msg._so?.resume) return park(msg, send, done);
      let ms: number | null;
      try {
        ms = waitMs(resolveConfig('delay', def.so.config, msg.payload, def.name), Date.now());
      } catch (error) {
        return done(error as Error);
      }
      if (ms === null) return done(new Error(`Until is not a date-time: ${String(def.so.config.until)}`));
      if (ms > IN_MEMORY_DELAY_MS) return park(msg, send, done);
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(onPort(def.so.ports, 'out', msg));
        done();
      }, ms);
      timers.add(timer);
    });
    // A redeploy drops short waits; the run is then reported interrupted by the backend.
    this.on('close', (_removed, closed) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      closed();
    });
  });
}

/**
 * Logic that needs the domain's data (a post's metrics, the top posts) or state kept between runs
 * (a rotation's position, a collected list, the workspace's time zone): the backend answers with the port.
 */
function registerAsksBackend(
  RED: Red,
  type: 'metric-check' | 'top-post' | 'rotate' | 'day-check' | 'collect' | 'take-collected',
): void {
  RED.nodes.registerType(nodeRedType(type), function (this: RedNode, deployed: DeployedNodeDef) {
    RED.nodes.createNode(this, deployed);
    this.on('input', handleWithBackend(RED, this, readNodeDef(deployed)));
  });
}

export = function registerLogic(RED: Red): void {
  registerCondition(RED);
  registerAsksBackend(RED, 'metric-check');
  registerAsksBackend(RED, 'top-post');
  registerAsksBackend(RED, 'rotate');
  registerAsksBackend(RED, 'day-check');
  registerAsksBackend(RED, 'collect');
  registerAsksBackend(RED, 'take-collected');
  registerSwitch(RED);
  registerDelay(RED);
};
