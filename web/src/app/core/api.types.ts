/** Shapes of the backend's /api/v1 responses (see /api/docs for the full contract). */
export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Branding {
  logoUrl: string | null;
  primaryColor: string | null;
  accentColor: string | null;
}

export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
  firstDayOfWeek: number;
  branding: Branding;
  defaultPostingTimes: string[];
  role: string;
  roleName: string;
  permissions: string[];
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
  roleName: string;
  joinedAt: string;
}

export interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
}

export interface PermissionInfo {
  name: string;
  description: string;
}

export interface Invite {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  createdAt: string;
  acceptUrl?: string;
}

export interface InvitePreview {
  workspaceName: string;
  email: string;
  role: string;
  roleName: string;
  invitedBy: string | null;
  expiresAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { id: string; name: string } | null;
  key?: string;
}

export interface ActivityEntry {
  id: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  viaApiKeyId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'logged';
  createdAt: string;
  sentAt: string | null;
}

/** The backend's one error shape (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}
