/**
 * Node-RED storage kept in memory. Flows are owned by the backend (SQL) and deployed over IPC by the
 * automation issue; the runtime must never be the only place a flow lives.
 */
let flows: unknown[] = [];
let credentials: Record<string, unknown> = {};
let settings: Record<string, unknown> = {};
let sessions: Record<string, unknown> = {};

export const memoryStorage = {
  init: async () => undefined,
  getFlows: async () => flows,
  saveFlows: async (value: unknown[]) => {
    flows = value;
  },
  getCredentials: async () => credentials,
  saveCredentials: async (value: Record<string, unknown>) => {
    credentials = value;
  },
  getSettings: async () => settings,
  saveSettings: async (value: Record<string, unknown>) => {
    settings = value;
  },
  getSessions: async () => sessions,
  saveSessions: async (value: Record<string, unknown>) => {
    sessions = value;
  },
  getLibraryEntry: async () => [],
  saveLibraryEntry: async () => undefined,
};
