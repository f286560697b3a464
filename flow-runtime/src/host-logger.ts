import type { LogLevel } from './host-config';

/** pino's numeric levels, so the host's lines read like the backend's. */
const PINO_LEVELS: Record<Exclude<LogLevel, 'silent'>, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/** Node-RED's numeric levels (`@node-red/util/lib/log.js`) → pino's. */
const FROM_NODE_RED: Record<number, number> = { 10: 60, 20: 50, 30: 40, 40: 30, 50: 20, 60: 10 };

/** The message object Node-RED hands a log handler. */
interface NodeRedLogMessage {
  level: number;
  msg: unknown;
  timestamp?: number;
  type?: string;
  id?: string;
  name?: string;
  z?: string;
}

export interface HostLogger {
  log(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>): void;
  /** `settings.logging` for `RED.init`: Node-RED's own log, as JSON lines on stdout. */
  nodeRedLogging(): Record<string, unknown>;
}

function describe(value: unknown): { msg: string; err?: { message: string; stack?: string } } {
  if (value instanceof Error) return { msg: value.message, err: { message: value.message, stack: value.stack } };
  if (typeof value === 'string') return { msg: value };
  try {
    return { msg: JSON.stringify(value) };
  } catch {
    return { msg: String(value) };
  }
}

/** One JSON object per line on stdout (`{level, time, pid, name, msg, …}`), pino-compatible. */
export function createHostLogger(level: LogLevel, write = (line: string) => process.stdout.write(line)): HostLogger {
  const threshold = level === 'silent' ? Infinity : PINO_LEVELS[level];
  const emit = (pinoLevel: number, time: number, fields: Record<string, unknown>) => {
    if (pinoLevel < threshold) return;
    write(`${JSON.stringify({ level: pinoLevel, time, pid: process.pid, name: 'flow-runtime', ...fields })}\n`);
  };
  return {
    log: (lvl, msg, fields = {}) => emit(PINO_LEVELS[lvl], Date.now(), { ...fields, msg }),
    nodeRedLogging: () => ({
      // Not named `console`: that key would bring back Node-RED's text logger.
      jsonLines: {
        level: level === 'silent' ? 'off' : level,
        metrics: false,
        audit: false,
        handler: () => (m: NodeRedLogMessage) => {
          const node = m.type ? { node: { type: m.type, id: m.id, name: m.name, flow: m.z } } : {};
          emit(FROM_NODE_RED[m.level] ?? 30, m.timestamp ?? Date.now(), {
            source: 'node-red',
            ...node,
            ...describe(m.msg),
          });
        },
      },
    }),
  };
}
