/**
 * The runtime host process: Node-RED 4.1 without its editor, admin API or HTTP nodes, with an
 * allow-listed palette (see palette.ts). It holds no database credentials and no provider tokens:
 * the supervisor gives it an allow-listed environment.
 *
 * Run by FlowRuntimeSupervisor (`fork`; see messages.ts for the IPC), which is always a backend
 * process: the rule nodes' actions travel to it over the same channel (ipc-backend.ts). Run on its
 * own (`node dist/host.js`) it has no backend: flows run, actions fail; SIGTERM/SIGINT stop it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { readHostConfig, type HostConfig } from './host-config';
import { createHostLogger, type HostLogger } from './host-logger';
import { readDeployment } from './deploy';
import { BACKEND_SETTING } from '@socialorchestrator/rule-nodes';
import { IpcBackend } from './ipc-backend';
import { isSupervisorMessage, type DeployMessage, type HostMessage, type TriggerMessage } from './messages';
import { RunTracker, type Hooks, type NodeDelivery } from './run-tracker';
import { coreNodesDir, nodesIncludes, paletteModules, RULE_NODES_DIR } from './palette';
import { createMemoryStorage } from './storage';

/** The part of `require('node-red')` the host uses (node-red ships no typings). */
interface NodeRed {
  init(settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  events: EventEmitter;
  hooks: Hooks;
  nodes: { getNode(id: string): { receive(msg: object): void; send(msg: Array<object | null>): void } | null };
  runtime: {
    nodes: { getNodeList(opts: object): Promise<NodeSet[]> };
    flows: { setFlows(opts: { flows: { flows: object[] }; deploymentType: string }): Promise<unknown> };
  };
}
interface NodeSet {
  id: string;
  module?: string;
  types: string[];
  enabled: boolean;
  err?: string;
}

const supervised = typeof process.send === 'function';
let logger: HostLogger = createHostLogger('info');
let phase: 'starting' | 'running' | 'stopping' = 'starting';
let red: NodeRed | null = null;
let heartbeat: NodeJS.Timeout | undefined;
let palette = new Set<string>();
let tracker: RunTracker | null = null;

function send(message: HostMessage, then?: () => void): void {
  if (!supervised || !process.connected) return then?.();
  // With a callback a closed channel is reported here instead of as an 'error' event.
  process.send!(message, undefined, {}, () => then?.());
}

const backend = new IpcBackend((message) => {
  if (!supervised || !process.connected) return false;
  send(message);
  return true;
});

function settingsFor(config: HostConfig): Record<string, unknown> {
  return {
    userDir: config.userDir,
    httpAdminRoot: false, // no admin API, no editor
    httpNodeRoot: false, // no HTTP endpoints for nodes
    disableEditor: true,
    // No key, no prompt: secrets never live in node config, and Node-RED's credential store stays
    // in this process's memory (storage.ts). Node-RED logs one "Using unencrypted credentials"
    // warning per start for this; a key would only trade it for "Encrypted credentials not found".
    credentialSecret: false,
    coreNodesDir: coreNodesDir(),
    nodesDir: [RULE_NODES_DIR],
    nodesIncludes: nodesIncludes(),
    storageModule: createMemoryStorage(),
    externalModules: { autoInstall: false, palette: paletteModules(), modules: { allowInstall: false } },
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false },
    runtimeState: { enabled: false },
    logging: logger.nodeRedLogging(),
    [BACKEND_SETTING]: backend,
  };
}

async function startNodeRed(config: HostConfig): Promise<{ nodeRedVersion: string; palette: string[] }> {
  try {
    mkdirSync(config.userDir, { recursive: true });
    // Node-RED reads <userDir>/package.json for user-installed palette modules (logging an error
    // when it is missing); ours is fixed, so it lists none.
    const manifest = join(config.userDir, 'package.json');
    if (!existsSync(manifest))
      writeFileSync(manifest, JSON.stringify({ name: 'flow-runtime-user-dir', private: true }));
  } catch (error) {
    throw new Error(`FLOW_RUNTIME_DIR ${config.userDir} is not usable: ${(error as Error).message}`);
  }

  // Loaded here, not at the top: a bad config fails fast without paying for Node-RED's load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  red = require('node-red') as NodeRed;
  // No http.Server at all: RED.init(settings) is supported, and nothing we load needs one.
  red.init(settingsFor(config));
  // RED.start() resolves before the flows run; 'flows:started' is the real readiness signal.
  const flowsStarted = new Promise<void>((resolve) => red!.events.once('flows:started', () => resolve()));
  await red.start();
  await flowsStarted;

  const sets = await red.runtime.nodes.getNodeList({});
  for (const set of sets.filter((s) => s.err)) logger.log('warn', `node set ${set.id} failed to load: ${set.err}`);
  const types = sets.filter((s) => s.enabled && !s.err).flatMap((s) => s.types);
  // RED.version() appends "-git" when a .git folder sits four levels up (our repository): report the package's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeRedVersion = (require('node-red/package.json') as { version: string }).version;
  return { nodeRedVersion, palette: types };
}

/** Deployments run one at a time, in the order they arrive. */
let deploying: Promise<void> = Promise.resolve();

function deploy(message: DeployMessage): void {
  deploying = deploying.then(async () => {
    const read = readDeployment(message.flows, palette);
    if ('error' in read) return send({ type: 'deployed', deployId: message.deployId, error: read.error });
    try {
      // setFlows resolves before the new flows run; 'flows:started' says they do.
      const started = new Promise<void>((resolve) => red!.events.once('flows:started', () => resolve()));
      // 'flows' restarts only the flows that changed: other automations keep their messages in flight.
      await red!.runtime.flows.setFlows({ flows: { flows: message.flows }, deploymentType: 'flows' });
      await started;
      tracker!.deployed(read.nodes);
      send({ type: 'deployed', deployId: message.deployId, error: null });
    } catch (error) {
      send({ type: 'deployed', deployId: message.deployId, error: (error as Error).message });
    }
  });
}

/** Hands a run's message to its node; after the deployment before it, so a new flow is there. */
function trigger(message: TriggerMessage): void {
  void deploying.then(() => {
    const runId = message.msg._so.runId;
    const node = red!.nodes.getNode(message.node);
    if (!node) return tracker!.lost(runId, `node ${message.node} is not deployed`);
    tracker!.injected(runId, message.msg._so.steps);
    node.receive(message.msg);
  });
}

/** How the tracker retries a step (the node receives the message again) or sends out of its error port. */
function nodeDelivery(runtime: NodeRed): NodeDelivery {
  return {
    receive(id, msg) {
      const node = runtime.nodes.getNode(id);
      node?.receive(msg);
      return Boolean(node);
    },
    send(id, outputs) {
      const node = runtime.nodes.getNode(id);
      node?.send(outputs);
      return Boolean(node);
    },
  };
}

async function shutdown(reason: string): Promise<void> {
  if (phase === 'stopping') return;
  const wasRunning = phase === 'running';
  phase = 'stopping';
  clearInterval(heartbeat);
  logger.log('info', `flow runtime stopping (${reason})`);
  // Mid-start there is nothing to flush (flows are in memory and owned by the backend): just leave.
  if (wasRunning && red) {
    try {
      await red.stop();
    } catch (error) {
      logger.log('error', `Node-RED did not stop cleanly: ${(error as Error).message}`);
      process.exit(1);
    }
  }
  process.exit(0);
}

function die(error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  logger.log('fatal', `flow runtime failed: ${text}`, error instanceof Error ? { err: { stack: error.stack } } : {});
  process.exitCode = 1;
  // Let the fatal message reach the supervisor, but never hang on it.
  const timer = setTimeout(() => process.exit(1), 500);
  send({ type: 'fatal', error: text }, () => {
    clearTimeout(timer);
    process.exit(1);
  });
}

function listen(): void {
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
  process.on('message', (message: unknown) => {
    if (!isSupervisorMessage(message)) return;
    if (message.type === 'shutdown') return void shutdown('shutdown requested');
    if (message.type === 'action-result') return backend.settle(message);
    if (phase !== 'running') return; // the supervisor deploys again on `ready`
    if (message.type === 'deploy') deploy(message);
    else if (message.type === 'trigger') trigger(message);
    else tracker!.stop(message.runId, 'stopped by the server');
  });
  // Orphaned (the supervisor died): stop rather than run unsupervised.
  process.on('disconnect', () => void shutdown('supervisor disconnected'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A terminal's Ctrl-C reaches the whole process group; when supervised, the parent decides.
  process.on('SIGINT', () => (supervised ? undefined : void shutdown('SIGINT')));
}

async function main(): Promise<void> {
  listen();
  const config = readHostConfig(process.env);
  logger = createHostLogger(config.logLevel);
  const startedAt = Date.now();
  const started = await startNodeRed(config);
  if (phase === 'stopping') return;
  palette = new Set(started.palette);
  tracker = new RunTracker(send, config.limits, Date.now, nodeDelivery(red!));
  tracker.install(red!.hooks);
  phase = 'running';
  send({ type: 'ready', pid: process.pid, nodeRedVersion: started.nodeRedVersion, palette: started.palette });
  logger.log('info', `flow runtime ready in ${Date.now() - startedAt} ms`, started);
  heartbeat = setInterval(() => send({ type: 'heartbeat', at: Date.now() }), config.heartbeatMs);
}

main().catch(die);
