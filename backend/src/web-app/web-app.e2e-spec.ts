import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';

describe('the web app beside the API', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'so-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>SocialOrchestrator</title>');
    writeFileSync(join(root, 'main-4f2a.js'), 'console.log("app")');
    t = await startTestApp('sqlite', { WEB_DIST_DIR: root });
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
