import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/** Who the flow runtime child runs as, and the directory it may write (Node-RED's userDir). */
export interface RuntimeIsolation {
  user: { uid: number; gid: number } | null;
  runtimeDir: string;
  /** Why the configured user could not be used, for the log; null when there is nothing to say. */
  warning: string | null;
}

/**
 * A compromised runtime (it runs user-built flows) must not read the database file, the generated
 * secrets or the API's environment. Running it as another OS user does that, where we may switch
 * users (root, FLOW_RUNTIME_USER set): DATA_DIR becomes 0700 to us, and the runtime gets its own
 * directory beside it, `<DATA_DIR>-flow-runtime`, owned by its user. Otherwise it runs as we do,
 * with its userDir inside DATA_DIR (the embedded default; production runs it in its own container).
 */
export function runtimeIsolation(config: AppConfig, uid = process.getuid?.()): RuntimeIsolation {
  const user = config.flowRuntimeUser;
  const sameUser = (warning: string | null): RuntimeIsolation => ({
    user: null,
    runtimeDir: join(config.dataDir, 'flow-runtime'),
    warning,
  });
  if (!user) return sameUser(null);
  if (uid !== 0) {
    return sameUser(
      'FLOW_RUNTIME_USER is set but this process is not root, so it cannot switch users: the flow runtime runs as this process does',
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  chmodSync(config.dataDir, 0o700);
  const runtimeDir = `${config.dataDir}-flow-runtime`;
  mkdirSync(runtimeDir, { recursive: true });
  chownSync(runtimeDir, user.uid, user.gid);
  chmodSync(runtimeDir, 0o700);
  return { user, runtimeDir, warning: null };
}
