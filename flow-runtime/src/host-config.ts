import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_HEARTBEAT_MS = 2000;

/** The per-workspace guards' settings: the backend validates the same ranges before passing them on. */
export const RUNTIME_LIMIT_SETTINGS = {
  FLOW_MAX_HOPS: { fallback: 100, min: 1, max: 10_000 },
  /** Steps one run may take in all (its branches and every turn of a loop that waits included). */
  FLOW_MAX_STEPS: { fallback: 1_000, min: 1, max: 100_000 },
  FLOW_MESSAGES_PER_SECOND: { fallback: 10_000, min: 1, max: 1_000_000 },
} as const;

/** Everything the host reads from its environment, read and validated once at start-up. */
export interface HostConfig {
  /** Node-RED's user directory (`FLOW_RUNTIME_DIR`). */
  userDir: string;
  /** `LOG_LEVEL`, the backend's (pino) level names. */
  logLevel: LogLevel;
  /** `FLOW_RUNTIME_HEARTBEAT_MS`. */
  heartbeatMs: number;
  /** `FLOW_MAX_HOPS`, `FLOW_MAX_STEPS` and `FLOW_MESSAGES_PER_SECOND`: the per-workspace guards. */
  limits: { maxHops: number; maxSteps: number; messagesPerSecond: number };
}

export class HostConfigError extends Error {}

export function readHostConfig(env: NodeJS.ProcessEnv): HostConfig {
  const dir = env.FLOW_RUNTIME_DIR?.trim();
  const level = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new HostConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  const heartbeatText = env.FLOW_RUNTIME_HEARTBEAT_MS?.trim() || String(DEFAULT_HEARTBEAT_MS);
  const heartbeatMs = Number(heartbeatText);
  if (!Number.isInteger(heartbeatMs) || heartbeatMs < 100 || heartbeatMs > 60_000)
    throw new HostConfigError(
      `FLOW_RUNTIME_HEARTBEAT_MS must be an integer between 100 and 60000 (got "${heartbeatText}")`,
    );
  const maxHops = limitSetting(env, 'FLOW_MAX_HOPS');
  const maxSteps = limitSetting(env, 'FLOW_MAX_STEPS');
  const messagesPerSecond = limitSetting(env, 'FLOW_MESSAGES_PER_SECOND');
  return {
    limits: { maxHops, maxSteps, messagesPerSecond },
    userDir: dir ? (isAbsolute(dir) ? dir : resolve(dir)) : join(tmpdir(), 'socialorchestrator-flow-runtime'),
    logLevel: level as LogLevel,
    heartbeatMs,
  };
}

function limitSetting(env: NodeJS.ProcessEnv, name: keyof typeof RUNTIME_LIMIT_SETTINGS): number {
  const { fallback, min, max } = RUNTIME_LIMIT_SETTINGS[name];
  const text = env[name]?.trim() || String(fallback);
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new HostConfigError(`${name} must be an integer between ${min} and ${max} (got "${text}")`);
  return value;
}
