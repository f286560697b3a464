import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { IdentityService } from '../identity/identity.service';
import { WorkspaceAccessService } from '../workspaces/workspace-access.service';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION, WORKSPACE_PARAM } from './access.decorators';
import type { AccessContext, Principal, WorkspaceAccess } from './access-context';
import { AccessError } from './access.errors';
import { ApiRateLimit } from './api-rate-limit';
import { isPermission, Permission } from './permissions';

const WORKSPACE_HEADER = 'x-workspace-id';

/**
 * The one guard on every route: authenticates the bearer (access token or API key), resolves the
 * workspace the request acts in, and checks the route's permission there. A workspace the caller
 * is not a member of answers 404, exactly like one that does not exist.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
    private readonly apiKeys: ApiKeysService,
    private readonly workspaces: WorkspaceAccessService,
    private readonly rateLimit: ApiRateLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { access?: AccessContext }>();
    const principal = await this.authenticate(request);
    await this.rateLimit.consume(principal, context.switchToHttp().getResponse<FastifyReply>());
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    const workspace = permission
      ? await this.authorize(principal, permission, this.workspaceIdOf(request, principal, targets))
      : null;
    request.access = { principal, workspace };
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AccessError('UNAUTHENTICATED');
    const token = match[1];
    if (ApiKeysService.looksLikeKey(token)) {
      const key = await this.apiKeys.authenticate(token);
      if (!key) throw new AccessError('API_KEY_INVALID');
      return {
        kind: 'api_key',
        userId: key.createdById,
        apiKey: {
          id: key.id,
          name: key.name,
          prefix: key.prefix,
          workspaceId: key.workspaceId,
          scopes: key.scopes.filter(isPermission),
        },
      };
    }
    const claims = await this.identity.verifyAccessToken(token);
    if (!claims) throw new AccessError('TOKEN_INVALID');
    return { kind: 'user', userId: claims.userId, apiKey: null, sessionId: claims.sessionId };
  }

  private workspaceIdOf(
    request: FastifyRequest,
    principal: Principal,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): string {
    const param = this.reflector.getAllAndOverride<string | undefined>(WORKSPACE_PARAM, targets);
    const requested = param
      ? (request.params as Record<string, string | undefined>)[param]
      : request.headers[WORKSPACE_HEADER];
    const workspaceId = Array.isArray(requested) ? requested[0] : requested;
    if (principal.apiKey) {
      // A key acts only in its own workspace; naming another one finds nothing.
      if (workspaceId && workspaceId !== principal.apiKey.workspaceId) throw new AccessError('WORKSPACE_NOT_FOUND');
      return principal.apiKey.workspaceId;
    }
    if (!workspaceId) {
      throw new AccessError('WORKSPACE_REQUIRED', undefined, [
        { field: 'X-Workspace-Id', message: 'header is required' },
      ]);
    }
    return workspaceId;
  }

  private async authorize(principal: Principal, permission: Permission, workspaceId: string): Promise<WorkspaceAccess> {
    const membership = await this.workspaces.resolve(principal.userId, workspaceId);
    if (!membership) {
      // A key whose creator left the workspace stops working rather than exposing the workspace.
      throw principal.apiKey ? new AccessError('API_KEY_INVALID') : new AccessError('WORKSPACE_NOT_FOUND');
    }
    // A key never exceeds its scopes nor its creator's current role.
    const permissions = principal.apiKey
      ? membership.permissions.filter((p) => principal.apiKey!.scopes.includes(p))
      : membership.permissions;
    if (!permissions.includes(permission)) {
      throw new AccessError('PERMISSION_DENIED', `This needs the "${permission}" permission`);
    }
    return { ...membership, permissions };
  }
}
