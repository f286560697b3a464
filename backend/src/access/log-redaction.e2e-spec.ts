import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The access log as `npm start` writes it (compiled app, pino on stdout): URL secrets never reach it. */
describe('access log redaction', () => {
  let app: ChildProcess | undefined;
  let dataDir: string | undefined;

  afterAll(() => {
    app?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes approval-link and invite tokens, signatures and OAuth codes as [redacted]', async () => {
    expect(
      existsSync(MAIN),
      `${MAIN} is missing: run npm test at the root (it builds) or npm run build -w backend`,
    ).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'so-log-'));
    const port = await freePort();
    let output = '';
    app = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        FLOW_RUNTIME: 'off',
        RUN_WORKER: 'false',
        WEB_DIST_DIR: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 45_000;
    while (!output.includes('is running at')) {
      if (Date.now() > deadline || app.exitCode !== null) throw new Error(`the app did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = `http://127.0.0.1:${port}`;
    const secrets = {
      invite: 'inviteSecretA1b2C3d4',
      approval: 'approvalSecretE5f6G7h8',
      signature: 'signatureSecretI9j0',
      code: 'oauthCodeSecretK1l2',
      referer: 'refererSecretM3n4',
    };
    await fetch(`${base}/api/v1/invites/by-token/${secrets.invite}`);
    await fetch(`${base}/api/v1/approval-links/${secrets.approval}`, {
      headers: { Referer: `${base}/approve/${secrets.referer}` },
    });
    await fetch(`${base}/media/some/key.png?expires=1&signature=${secrets.signature}`);
    await fetch(`${base}/api/v1/accounts/oauth/sandbox/callback?code=${secrets.code}&state=s`);
    await new Promise((r) => setTimeout(r, 500));

    const lines = output.split('\n').filter((l) => l.startsWith('{') && l.includes('"req"'));
    const urls = lines.map((l) => (JSON.parse(l) as { req: { url: string } }).req.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/api/v1/invites/by-token/[redacted]',
        '/api/v1/approval-links/[redacted]',
        '/media/some/key.png?expires=1&signature=[redacted]',
        '/api/v1/accounts/oauth/sandbox/callback?code=[redacted]&state=[redacted]',
      ]),
    );
    expect(output).toContain(`"referer":"${base}/approve/[redacted]"`);
    for (const secret of Object.values(secrets)) expect(output).not.toContain(secret);
  }, 60_000);
});
