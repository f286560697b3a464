import { defineErrors } from '../common/domain-error';

export class AccessError extends defineErrors('access', {
  UNAUTHENTICATED: { status: 401, title: 'Sign in or send an API key' },
  TOKEN_INVALID: { status: 401, title: 'The access token is invalid or expired' },
  API_KEY_INVALID: { status: 401, title: 'The API key is invalid or revoked' },
  WORKSPACE_REQUIRED: { status: 400, title: 'Choose a workspace with the X-Workspace-Id header' },
  WORKSPACE_NOT_FOUND: { status: 404, title: 'Workspace not found' },
  PERMISSION_DENIED: { status: 403, title: 'You do not have permission to do this' },
  BEYOND_CALLER: { status: 403, title: 'No one can grant more than they hold' },
  RATE_LIMITED: { status: 429, title: 'Too many requests; slow down' },
  API_KEY_NOT_ALLOWED: { status: 403, title: 'API keys cannot do this; sign in as a user' },
}) {}
