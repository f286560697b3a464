import { createServer } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostMessage, SupervisorMessage } from './messages';
import { coreNodesDir, nodesIncludes, RULE_NODES_DIR } from './palette';
import { memoryStorage } from './storage';

const HEARTBEAT_MS = Number(process.env.FLOW_RUNTIME_HEARTBEAT_MS ?? 2000);

function send(message: HostMessage): void {
  process.send?.(message);
}

function log(level: string, msg: string): void {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), name: 'flow-runtime', msg })}\n`);
}

/**
 * The runtime host: Node-RED without its editor or HTTP nodes, with an allow-listed palette. It
 * holds no database credentials or provider tokens (the supervisor passes an allow-listed env).
 */
async function main(): Promise<void> {
  if (process.env.FLOW_RUNTIME_FAIL_ON_START === '1')
    throw new Error('start failure requested (FLOW_RUNTIME_FAIL_ON_START)');
  // Node-RED's module is loaded lazily: it is large, and the supervisor imports this package too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RED = require('node-red');
  const userDir = process.env.FLOW_RUNTIME_DIR ?? join(tmpdir(), 'socialorchestrator-flow-runtime');
  mkdirSync(userDir, { recursive: true });
  // Node-RED reads <userDir>/package.json for installed palette modules; ours is fixed, so say none.
  const manifest = join(userDir, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'flow-runtime-user-dir', private: true }));
  const server = createServer((_req, res) => res.writeHead(404).end());
  RED.init(server, {
    userDir,
    httpAdminRoot: false,
    httpNodeRoot: false,
    disableEditor: true,
    credentialSecret: false,
    coreNodesDir: coreNodesDir(),
    nodesDir: [RULE_NODES_DIR],
    nodesIncludes: nodesIncludes(),
    storageModule: memoryStorage,
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    logging: { console: { level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn', metrics: false, audit: false } },
  });
  const started = new Promise<void>((resolve) => RED.events.once('flows:started', () => resolve()));
  await RED.start();
  await started;
  const palette: string[] = RED.runtime.nodes
    ? (await RED.runtime.nodes.getNodeList({})).flatMap((set: { enabled: boolean; types: string[] }) =>
        set.enabled ? set.types : [],
      )
    : [];
  send({ type: 'ready', pid: process.pid, nodeRedVersion: RED.version(), palette });
  log('info', `flow runtime ready with ${palette.length} node types`);
  const heartbeat = setInterval(() => send({ type: 'heartbeat', at: Date.now() }), HEARTBEAT_MS);

  process.on('message', async (message: SupervisorMessage) => {
    if (message?.type !== 'shutdown') return;
    clearInterval(heartbeat);
    await RED.stop().catch(() => undefined);
    process.exit(0);
  });
  // Orphaned (the supervisor died): stop rather than run unsupervised.
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  log('error', `flow runtime failed to start: ${text}`);
  send({ type: 'fatal', error: text });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 50);
});
