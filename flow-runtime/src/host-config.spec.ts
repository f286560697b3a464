import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostConfigError, readHostConfig } from './host-config';

describe('readHostConfig', () => {
  it('defaults: a folder under the OS temp dir, info, 2 s heartbeats', () => {
    expect(readHostConfig({})).toEqual({
      userDir: join(tmpdir(), 'socialorchestrator-flow-runtime'),
      logLevel: 'info',
      heartbeatMs: 2000,
      limits: { maxHops: 100, maxSteps: 1_000, messagesPerSecond: 10_000 },
    });
  });

  it('reads FLOW_RUNTIME_DIR (made absolute), LOG_LEVEL and FLOW_RUNTIME_HEARTBEAT_MS', () => {
    expect(
      readHostConfig({ FLOW_RUNTIME_DIR: 'data/flow', LOG_LEVEL: 'DEBUG', FLOW_RUNTIME_HEARTBEAT_MS: '500' }),
    ).toEqual({
      userDir: resolve('data/flow'),
      logLevel: 'debug',
      heartbeatMs: 500,
      limits: { maxHops: 100, maxSteps: 1_000, messagesPerSecond: 10_000 },
    });
    expect(readHostConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it.each([['0'], ['99'], ['60001'], ['1.5'], ['soon']])('refuses FLOW_RUNTIME_HEARTBEAT_MS=%s', (value) => {
    expect(() => readHostConfig({ FLOW_RUNTIME_HEARTBEAT_MS: value })).toThrow(HostConfigError);
    expect(() => readHostConfig({ FLOW_RUNTIME_HEARTBEAT_MS: value })).toThrow(`(got "${value}")`);
  });

  it('reads the per-workspace guards', () => {
    const config = readHostConfig({ FLOW_MAX_HOPS: '20', FLOW_MAX_STEPS: '300', FLOW_MESSAGES_PER_SECOND: '50' });
    expect(config.limits).toEqual({ maxHops: 20, maxSteps: 300, messagesPerSecond: 50 });
    expect(() => readHostConfig({ FLOW_MAX_HOPS: '0' })).toThrow('FLOW_MAX_HOPS must be an integer');
    expect(() => readHostConfig({ FLOW_MAX_STEPS: '100001' })).toThrow(
      'FLOW_MAX_STEPS must be an integer between 1 and 100000 (got "100001")',
    );
  });

  it('refuses an unknown LOG_LEVEL', () => {
    expect(() => readHostConfig({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL must be one of');
  });
});
