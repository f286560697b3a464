import { NODE_TYPES, nodeRedType } from '@socialorchestrator/rule-nodes';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The compiled host, as production runs it. */
export const HOST = join(__dirname, '..', '..', 'dist', 'host.js');

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function until(check: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `so-flow-${prefix}-`));

/** The palette the host must load: the allow-listed core nodes and our rule nodes, nothing else. */
export const EXPECTED_PALETTE = [
  ...NODE_TYPES.map(nodeRedType),
  'batch',
  'catch',
  'change',
  'comment',
  'complete',
  'debug',
  'delay',
  'inject',
  'join',
  'json',
  'junction',
  'link call',
  'link in',
  'link out',
  'range',
  'sort',
  'split',
  'status',
  'switch',
  'template',
  'trigger',
  'unknown',
].sort();

/** Core node types that reach the host; none may ever load. */
export const FORBIDDEN_TYPES = [
  'function',
  'exec',
  'file',
  'file in',
  'watch',
  'http in',
  'http request',
  'http response',
  'http proxy',
  'tls-config',
  'tcp in',
  'tcp out',
  'tcp request',
  'udp in',
  'udp out',
  'websocket in',
  'websocket out',
  'websocket-listener',
  'websocket-client',
  'mqtt in',
  'mqtt out',
  'mqtt-broker',
];
