/**
 * The runtime host's environment is built from an allow-list, never by copying `process.env`: the
 * runtime is a sandbox and must not see the database URL, JWT or encryption keys, or provider
 * tokens the API process holds. (Node-RED exposes environment variables to flows via `env`/`$env`.)
 */

/** The only variables the child inherits from the parent process. */
export const INHERITED_ENV = ['PATH', 'HOME', 'TZ', 'LANG', 'LC_ALL', 'NODE_ENV'] as const;

/**
 * Names the caller may not pass either, as a guard against a future caller forwarding its own
 * config wholesale. Deliberately broad: the runtime needs none of these.
 */
const SECRET_NAME =
  /DATABASE|^DB_|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ENCRYPTION|CONNECTION_?STRING/i;

export class UnsafeRuntimeEnvError extends Error {
  constructor(readonly names: string[]) {
    super(`the flow runtime must not receive secrets or database settings; refused: ${names.join(', ')}`);
  }
}

/** Throws UnsafeRuntimeEnvError when `env` names anything that looks like a secret. */
export function assertSafeRuntimeEnv(env: Record<string, string>): void {
  const refused = Object.keys(env).filter((name) => SECRET_NAME.test(name));
  if (refused.length > 0) throw new UnsafeRuntimeEnvError(refused);
}

/** Allow-listed parent variables, then the caller's own (already checked), then the supervisor's. */
export function buildChildEnv(
  parent: NodeJS.ProcessEnv,
  given: Record<string, string>,
  fixed: Record<string, string>,
): Record<string, string> {
  const inherited = Object.fromEntries(
    INHERITED_ENV.filter((name) => parent[name] !== undefined).map((name) => [name, parent[name] as string]),
  );
  return { ...inherited, ...given, ...fixed };
}
