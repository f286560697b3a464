/** IPC between the supervisor (parent) and the runtime host (child). */
export type HostMessage =
  | { type: 'ready'; pid: number; nodeRedVersion: string; palette: string[] }
  | { type: 'heartbeat'; at: number }
  | { type: 'fatal'; error: string };

export type SupervisorMessage = { type: 'shutdown' };

export const isHostMessage = (value: unknown): value is HostMessage =>
  typeof value === 'object' &&
  value !== null &&
  ['ready', 'heartbeat', 'fatal'].includes((value as { type?: string }).type ?? '');
