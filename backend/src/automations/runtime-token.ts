import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whom a runtime token speaks for: one workspace, one automation; a test's flow only pretends. */
export interface RuntimeScope {
  workspaceId: string;
  automationId: string;
  /** Issued to a test's temporary flow: its actions are simulated, whatever its messages say. */
  dryRun?: boolean;
}

/**
 * Tokens for the flow runtime's rule nodes: `<base64url scope>.<HMAC-SHA256>`, keyed by a key
 * derived from the server's JWT secret for this one purpose. They do not expire (a deployed
 * flow keeps working); the scope is checked against the database (read at most once a second
 * per automation), so disabling or deleting the automation ends its token within a second.
 */
export class RuntimeTokens {
  private readonly key: Buffer;

  constructor(serverSecret: string) {
    this.key = createHmac('sha256', serverSecret).update('socialorchestrator/flow-runtime-token').digest();
  }

  issue(scope: RuntimeScope): string {
    const claims = { w: scope.workspaceId, a: scope.automationId, ...(scope.dryRun && { d: 1 }) };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The scope, or null for anything forged or malformed. */
  verify(token: string): RuntimeScope | null {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const { w, a, d } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof w !== 'string' || typeof a !== 'string') return null;
      return { workspaceId: w, automationId: a, ...(d === 1 && { dryRun: true }) };
    } catch {
      return null;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
