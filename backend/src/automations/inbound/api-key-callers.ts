import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '../../api-keys/api-keys.service';
import { WorkspaceAccessService } from '../../workspaces/workspace-access.service';
import { AutomationsError } from '../automations.errors';
import type { InboundDelivery } from './signatures';

/**
 * The Zapier / Make / n8n preset also takes an API key instead of a signature: Zapier's "Webhooks
 * by Zapier" and Make's HTTP module can set a header but cannot compute an HMAC. The key must
 * belong to the hook's workspace and hold automations:write, as its creator must now — the
 * power starting a run needs, as POST /automations/{id}/test does.
 */
@Injectable()
export class ApiKeyCallers {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly access: WorkspaceAccessService,
  ) {}

  /** The key a delivery presents (`Authorization: Bearer so_…` or `X-Api-Key: so_…`), if any. */
  static presented(delivery: InboundDelivery): string | null {
    const header = (name: string) => {
      const value = delivery.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const bearer = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '')?.[1];
    const token = bearer ?? header('x-api-key')?.trim();
    return token && ApiKeysService.looksLikeKey(token) ? token : null;
  }

  /** Refuses (401, saying why) a key that is unknown, revoked, of another workspace or without the permission. */
  async check(token: string, workspaceId: string): Promise<void> {
    const key = await this.apiKeys.authenticate(token);
    if (!key || key.workspaceId !== workspaceId) {
      throw new AutomationsError('HOOK_REJECTED', 'the API key is not valid for this hook');
    }
    const creator = await this.access.resolve(key.createdById, workspaceId);
    if (!key.scopes.includes('automations:write') || !creator?.permissions.includes('automations:write')) {
      throw new AutomationsError('HOOK_REJECTED', 'the API key needs the automations:write scope');
    }
  }
}
