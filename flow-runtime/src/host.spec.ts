import { ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isHostMessage, type HostMessage, type ReadyMessage } from './messages';
import { EXPECTED_PALETTE, HOST, tempDir, until } from './testing/processes';

interface Run {
  child: ChildProcess;
  messages: HostMessage[];
  lines: () => Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Forks the compiled host the way the supervisor does, but watching its stdout and IPC directly. */
function runHost(env: Record<string, string>, ipc = true): Run {
  const childEnv = { PATH: process.env.PATH ?? '', ...env };
  const child = ipc
    ? fork(HOST, [], { env: childEnv, execArgv: [], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
    : spawn(process.execPath, [HOST], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  const messages: HostMessage[] = [];
  child.on('message', (message) => isHostMessage(message) && messages.push(message));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>); // throws on any non-JSON line
  return { child, messages, lines, exited };
}

/** A node package that would run code on load, to prove the palette policy keeps it out. */
function plantPackage(dir: string, name: string, type: string): string {
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, 'LOADED');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', 'node-red': { nodes: { [type]: 'node.js' } } }),
  );
  writeFileSync(
    join(dir, 'node.js'),
    `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n` +
      `module.exports = (RED) => RED.nodes.registerType(${JSON.stringify(type)}, function () {});\n`,
  );
  writeFileSync(join(dir, 'node.html'), '');
  return marker;
}

describe('runtime host (dist/host.js)', () => {
  const running: ChildProcess[] = [];
  const start = (env: Record<string, string>, ipc = true) => {
    const run = runHost(env, ipc);
    running.push(run.child);
    return run;
  };
  afterEach(() => {
    for (const child of running.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('speaks the IPC protocol: ready after flows start, heartbeats, shutdown → exit 0', async () => {
    const run = start({ FLOW_RUNTIME_DIR: tempDir('ipc'), FLOW_RUNTIME_HEARTBEAT_MS: '150' });
    await until(() => run.messages.some((m) => m.type === 'ready'), 15_000, 'ready');
    const ready = run.messages.find((m): m is ReadyMessage => m.type === 'ready')!;
    expect(ready).toEqual({
      type: 'ready',
      pid: run.child.pid,
      nodeRedVersion: '4.1.15',
      palette: expect.any(Array),
    });
    expect([...ready.palette].sort()).toEqual(EXPECTED_PALETTE);
    // 'Started flows' is logged before ready is sent; stdout and IPC are separate pipes, so wait for the line.
    await until(
      () => run.lines().some((line) => String(line.msg).startsWith('flow runtime ready in')),
      5_000,
      'ready line',
    );
    const started = run.lines().findIndex((line) => line.msg === 'Started flows');
    const readyLine = run.lines().findIndex((line) => String(line.msg).startsWith('flow runtime ready in'));
    expect(started).toBeGreaterThanOrEqual(0);
    expect(readyLine).toBeGreaterThan(started);

    await until(() => run.messages.filter((m) => m.type === 'heartbeat').length >= 3, 3000, '3 heartbeats');
    const beats = run.messages.filter((m) => m.type === 'heartbeat').map((m) => (m as { at: number }).at);
    expect(beats[2] - beats[0]).toBeGreaterThanOrEqual(250);

    run.child.send({ type: 'shutdown' });
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.lines().map((line) => line.msg)).toEqual(
      expect.arrayContaining(['flow runtime stopping (shutdown requested)', 'Stopped flows']),
    );
  });

  it('logs only JSON lines on stdout, Node-RED’s own log included', async () => {
    const run = start({ FLOW_RUNTIME_DIR: tempDir('log'), LOG_LEVEL: 'info' });
    await until(() => run.messages.some((m) => m.type === 'ready'), 15_000, 'ready');
    run.child.send({ type: 'shutdown' });
    await run.exited;
    const lines = run.lines();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line).toMatchObject({ name: 'flow-runtime', pid: run.child.pid });
      expect([10, 20, 30, 40, 50, 60]).toContain(line.level);
      expect(typeof line.time).toBe('number');
      expect(typeof line.msg).toBe('string');
    }
    expect(lines).toContainEqual(expect.objectContaining({ source: 'node-red', level: 30, msg: 'Starting flows' }));
  });

  it('keeps foreign node packages out: not by folder name, not by a look-alike folder', async () => {
    const userDir = tempDir('palette');
    const contrib = plantPackage(
      join(userDir, 'node_modules', 'node-red-contrib-evil'),
      'node-red-contrib-evil',
      'evil',
    );
    const lookalike = plantPackage(
      join(userDir, 'node_modules', '@evil', 'rule-nodes'),
      '@evil/rule-nodes',
      'evil-rule',
    );
    const run = start({ FLOW_RUNTIME_DIR: userDir, LOG_LEVEL: 'debug' });
    await until(() => run.messages.some((m) => m.type === 'ready'), 15_000, 'ready');
    const ready = run.messages.find((m): m is ReadyMessage => m.type === 'ready')!;
    expect([...ready.palette].sort()).toEqual(EXPECTED_PALETTE);
    expect(existsSync(contrib)).toBe(false);
    expect(existsSync(lookalike)).toBe(false);
    const messages = run.lines().map((line) => String(line.msg));
    // Our own package passes the package-name allow-list; the look-alike is refused by it.
    expect(messages).toContainEqual(expect.stringMatching(/^Module: @socialorchestrator\/rule-nodes 0\.1\.0 /));
    expect(messages).toContainEqual(
      expect.stringMatching(/^! Module: @evil\/rule-nodes 1\.0\.0 \*ignored due to denyList\*/),
    );
    expect(messages.some((m) => m.includes('node-red-contrib-evil'))).toBe(false);
  });

  it('runs on its own (no IPC) and stops cleanly on SIGTERM', async () => {
    const run = start({ FLOW_RUNTIME_DIR: tempDir('standalone') }, false);
    await until(() => run.lines().some((line) => String(line.msg).startsWith('flow runtime ready')), 15_000, 'ready');
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.lines().map((line) => line.msg)).toContain('flow runtime stopping (SIGTERM)');
  });

  it('exits 1 with a clear message on a bad configuration', async () => {
    const run = start({ FLOW_RUNTIME_DIR: tempDir('bad'), LOG_LEVEL: 'chatty' });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    const reason = 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")';
    expect(run.messages).toEqual([{ type: 'fatal', error: reason }]);
    expect(run.lines()).toContainEqual(expect.objectContaining({ level: 60, msg: `flow runtime failed: ${reason}` }));
  });
});
