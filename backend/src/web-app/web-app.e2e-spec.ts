import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';

/** A bundle big enough to be worth compressing (compression starts at 1 kB). */
const BUNDLE = `console.log("app");\n${'export const x = "a fairly repetitive line of code";\n'.repeat(200)}`;
const INDEX = `<!doctype html><title>SocialOrchestrator</title><style>${'body{margin:0}'.repeat(200)}</style>`;

describe('the web app beside the API', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'so-web-'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'main-4f2a.js'), 'console.log("app")');
    writeFileSync(join(root, 'main-VZNPTKVO.js'), BUNDLE);
    writeFileSync(join(root, 'styles-Q5Y4IZD5.css'), 'body{margin:0}'.repeat(200));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp('sqlite', { WEB_DIST_DIR: root });
  });

  /** The bytes as sent (supertest would decode them), asking for one content coding. */
  const raw = (path: string, acceptEncoding: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the index page at the root and at every deep link', async () => {
    for (const path of ['/', '/calendar', '/automations/01abc/runs?run=9']) {
      const page = await t.http.get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type'], path).toMatch(/^text\/html/);
      expect(page.text, path).toContain('<title>SocialOrchestrator</title>');
    }
  });

  it('serves the build’s files with their own type', async () => {
    const script = await t.http.get('/main-4f2a.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toBe('console.log("app")');
  });

  it('sends the build compressed: brotli when the browser takes it, else gzip, else as is', async () => {
    const br = await raw('/main-VZNPTKVO.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(BUNDLE.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(BUNDLE);
    const gzip = await raw('/main-VZNPTKVO.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(BUNDLE);
    const plain = await raw('/main-VZNPTKVO.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BUNDLE);
    for (const path of ['/', '/calendar/2027/06', '/styles-Q5Y4IZD5.css']) {
      const page = await raw(path, 'br');
      expect(page.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(page.body).length, path).toBeGreaterThan(1024);
    }
  });

  it('lets browsers keep fingerprinted bundles for a year, and revalidate the index page and assets', async () => {
    for (const path of ['/main-VZNPTKVO.js', '/styles-Q5Y4IZD5.css']) {
      const file = await raw(path, 'br');
      expect(file.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/', '/index.html', '/automations/01abc', '/assets/favicon.svg', '/main-4f2a.js']) {
      const file = await raw(path, 'br');
      expect(file.status, path).toBe(200);
      expect(file.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('leaves API responses uncompressed (compression is the web app’s alone)', async () => {
    const health = await raw('/healthz', 'br, gzip');
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toMatchObject({});
  });

  it('answers 404, not the index page, for files the build lacks and for API paths', async () => {
    for (const path of ['/main-old.js', '/api/v1/nothing-here', '/api', '/media/x', '/internal/y']) {
      const response = await t.http.get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^application\/problem\+json/);
    }
  });

  it('leaves the platform routes to their own handlers', async () => {
    const health = await t.http.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
  });
});
