import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';

/** Security headers on every kind of response: the web app's pages, the API, errors (SQLite: no SQL involved). */
describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production', ENCRYPTION_KEY: randomBytes(32).toString('base64') }],
] as const)('security headers in %s', (env, settings) => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'so-headers-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>SocialOrchestrator</title>');
    t = await startTestApp('sqlite', { WEB_DIST_DIR: root, ...settings });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['/', '/approve/some-token', '/api/v1/me', '/api/v1/nothing-here', '/healthz'])(
    'sends them on %s',
    async (path) => {
      const res = await t.http.get(path);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      if (env === 'production') {
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      } else {
        // HSTS on a developer's plain-http localhost would pin the name to https for a year.
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    },
  );
});
