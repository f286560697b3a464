import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, networkCredentials } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'so-config-'));

describe('loadConfig', () => {
  it('runs on embedded defaults with no variables set', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir }, '/nonexistent');
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: `sqlite:${join(dir, 'socialorchestrator.db')}`,
      smtpUrl: null,
      runWorker: true,
      flowRuntime: 'child',
      webDistDir: null,
      networks: { meta: null, x: null, linkedin: null },
    });
  });

  it('turns a network on with its app credentials and takes host overrides', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      X_CLIENT_ID: 'x-id',
      X_CLIENT_SECRET: 'x-secret',
      X_API_URL: 'http://127.0.0.1:9000/',
    });
    expect(config.networks).toEqual({
      meta: null,
      linkedin: null,
      pinterest: null,
      google: null,
      tiktok: null,
      x: { clientId: 'x-id', clientSecret: 'x-secret', apiBaseUrl: 'http://127.0.0.1:9000', authBaseUrl: null },
    });
  });

  it('names the variables that turn each network on; YouTube and Google Business Profile share one Google app', () => {
    expect(networkCredentials('pinterest')).toEqual(['PINTEREST_APP_ID', 'PINTEREST_APP_SECRET']);
    expect(networkCredentials('google-business')).toEqual(['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET']);
    expect(networkCredentials('youtube')).toEqual(['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET']);
    const config = loadConfig({ DATA_DIR: dataDir(), GOOGLE_CLIENT_ID: 'g-id', GOOGLE_CLIENT_SECRET: 'g-secret' });
    expect(config.networks.google).toEqual({
      clientId: 'g-id',
      clientSecret: 'g-secret',
      apiBaseUrl: null,
      authBaseUrl: null,
    });
  });

  it('refuses an app id without its secret, naming the missing variable', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), META_APP_ID: '123' })).toThrow(
      'META_APP_SECRET: is required when META_APP_ID is set',
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), LINKEDIN_API_URL: 'ftp://x' })).toThrow('LINKEDIN_API_URL');
  });

  it('generates the embedded JWT secret once and keeps it across starts', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).jwt).toBe(first);
    const key = loadConfig({ DATA_DIR: dir }).encryptionKey;
    expect(key).toHaveLength(32);
    expect(loadConfig({ DATA_DIR: dir }).encryptionKey.equals(key)).toBe(true);
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: dataDir(),
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SMTP_URL: 'http://mail',
        RUN_WORKER: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['DATABASE_URL', 'PORT', 'RUN_WORKER', 'SMTP_URL']);
    expect((error as ConfigError).message).toContain('DATABASE_URL: must start with sqlite:, postgres:// or mssql://');
  });

  it('reads the flow guards in the ranges the runtime accepts, steps per run included', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), FLOW_MAX_STEPS: '250' });
    expect(config.automation).toMatchObject({ maxHops: 100, maxSteps: 250, messagesPerSecond: 10_000 });
    expect(loadConfig({ DATA_DIR: dataDir() }).automation.maxSteps).toBe(1_000);
    for (const bad of ['0', '100001', '2.5', 'lots']) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), FLOW_MAX_STEPS: bad }), bad).toThrow(/FLOW_MAX_STEPS/);
    }
  });

  it('requires the encryption key in production and checks its size', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir(), JWT_SECRET: 'x'.repeat(32) })).toThrow(
      'ENCRYPTION_KEY: is required when NODE_ENV=production',
    );
    expect(() => loadConfig({ ENCRYPTION_KEY: 'c2hvcnQ=', DATA_DIR: dataDir() })).toThrow(
      'ENCRYPTION_KEY: must be 32 bytes',
    );
  });

  it('validates the rate limits, Redis, metrics and docs settings, with generous defaults', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir() });
    expect(defaults).toMatchObject({
      redisUrl: null,
      rateLimits: { apiRequests: 6000, apiWindowSeconds: 60, registrationsPerIpPerHour: 30 },
      loginAccountBrakeFailures: 100,
      metricsToken: null,
      apiDocs: true,
    });
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    };
    expect(loadConfig({ ...production, DATA_DIR: dataDir() }).apiDocs).toBe(false);
    expect(loadConfig({ ...production, DATA_DIR: dataDir(), API_DOCS: 'on' }).apiDocs).toBe(true);
    let error: unknown;
    try {
      loadConfig({
        DATA_DIR: dataDir(),
        REDIS_URL: 'http://cache:6379',
        API_RATE_LIMIT: '-1',
        API_RATE_WINDOW_SECONDS: '0',
        METRICS_TOKEN: 'short',
        API_DOCS: 'yes',
      });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'API_DOCS',
      'API_RATE_LIMIT',
      'API_RATE_WINDOW_SECONDS',
      'METRICS_TOKEN',
      'REDIS_URL',
    ]);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(
      'JWT_SECRET: is required when NODE_ENV=production',
    );
    expect(() => loadConfig({ JWT_SECRET: 'short', DATA_DIR: dataDir() })).toThrow(
      'JWT_SECRET: must be at least 32 characters',
    );
  });
});
