/**
 * Node-RED's `storageModule`, kept in memory for now. The backend owns automations in SQL and will
 * deploy the compiled flows to the runtime (automation issue), so the runtime is never the only
 * place a flow lives and a restarted runtime starts empty until the backend redeploys. A
 * storage module backed by the backend's internal API can replace this one without host changes.
 * Credentials are never stored here: secrets do not live in node config.
 */
export interface NodeRedStorage {
  init(settings: unknown, runtime?: unknown): Promise<void>;
  getFlows(): Promise<unknown[]>;
  saveFlows(flows: unknown[]): Promise<void>;
  getCredentials(): Promise<Record<string, unknown>>;
  saveCredentials(credentials: Record<string, unknown>): Promise<void>;
  getSettings(): Promise<Record<string, unknown>>;
  saveSettings(settings: Record<string, unknown>): Promise<void>;
  getSessions(): Promise<Record<string, unknown>>;
  saveSessions(sessions: Record<string, unknown>): Promise<void>;
  getLibraryEntry(type: string, path: string): Promise<unknown>;
  saveLibraryEntry(type: string, path: string, meta: unknown, body: unknown): Promise<void>;
}

export function createMemoryStorage(): NodeRedStorage {
  let flows: unknown[] = [];
  let credentials: Record<string, unknown> = {};
  let settings: Record<string, unknown> = {};
  let sessions: Record<string, unknown> = {};
  return {
    init: async () => undefined,
    getFlows: async () => flows,
    saveFlows: async (value) => {
      flows = value;
    },
    getCredentials: async () => credentials,
    saveCredentials: async (value) => {
      credentials = value;
    },
    getSettings: async () => settings,
    saveSettings: async (value) => {
      settings = value;
    },
    getSessions: async () => sessions,
    saveSessions: async (value) => {
      sessions = value;
    },
    // No library: the editor is ours (web/), not Node-RED's.
    getLibraryEntry: async () => [],
    saveLibraryEntry: async () => undefined,
  };
}
