import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { AccessContext, Principal, WorkspaceAccess } from './access-context';
import type { Permission } from './permissions';

export const PUBLIC_ROUTE = 'access:public';
export const REQUIRED_PERMISSION = 'access:permission';
export const WORKSPACE_PARAM = 'access:workspace-param';

/** Every authenticated route answers with the caller's rate-limit state, and 429 past it. */
const RateLimited = () =>
  ApiTooManyRequestsResponse({
    description: 'The API key or user spent its request budget (API_RATE_LIMIT); retry after Retry-After seconds',
    headers: {
      'Retry-After': { description: 'Seconds until a request is accepted again', schema: { type: 'integer' } },
      'RateLimit-Limit': { description: 'Requests allowed per window', schema: { type: 'integer' } },
      'RateLimit-Remaining': { description: 'Requests left in this window', schema: { type: 'integer' } },
      'RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
    },
  });

/** No credentials needed (sign-up, login, health…). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The route acts inside a workspace and needs this permission there. The workspace comes from the
 * API key, or from the X-Workspace-Id header for a user token.
 */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiBearerAuth(),
    RateLimited(),
    ApiHeader({ name: 'X-Workspace-Id', required: false, description: 'Workspace to act in (user tokens)' }),
  );

/** Like RequirePermission, but the workspace id is the named route parameter (`/workspaces/:id`). */
export const RequireWorkspacePermission = (permission: Permission, param = 'id') =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    SetMetadata(WORKSPACE_PARAM, param),
    ApiBearerAuth(),
    RateLimited(),
  );

type RequestWithAccess = { access?: AccessContext };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const access = ctx.switchToHttp().getRequest<RequestWithAccess>().access;
  if (!access) throw new Error('CurrentPrincipal used on a public route');
  return access.principal;
});

export const CurrentWorkspace = createParamDecorator((_: unknown, ctx: ExecutionContext): WorkspaceAccess => {
  const workspace = ctx.switchToHttp().getRequest<RequestWithAccess>().access?.workspace;
  if (!workspace) throw new Error('CurrentWorkspace used on a route without RequirePermission');
  return workspace;
});

export const CurrentAccess = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AccessContext | undefined =>
    ctx.switchToHttp().getRequest<RequestWithAccess>().access,
);
