/** Every permission, `resource:action`. API key scopes are drawn from the same list. */
export const PERMISSIONS = {
  'workspace:read': 'See the workspace and its settings',
  'workspace:write': 'Change workspace settings (name, time zone, branding, posting times)',
  'members:read': 'See members and pending invites',
  'members:write': 'Invite, remove members and change their roles',
  'roles:write': 'Create and delete custom roles',
  'api-keys:read': 'See API keys',
  'api-keys:write': 'Create and revoke API keys',
  'activity:read': 'Read the activity log',
  'outbox:read': 'Read the email outbox',
  'posts:read': 'See posts, calendar and board',
  'posts:write': 'Create, edit, schedule and delete posts',
  'accounts:read': 'See connected social accounts',
  'accounts:write': 'Connect, reconnect and remove social accounts',
  'media:read': 'See the media library',
  'media:write': 'Upload and delete media',
  'automations:read': 'See automations and their runs',
  'automations:write': 'Build, publish and run automations',
  'analytics:read': 'Read analytics and reports',
  'approvals:write': 'Approve or decline posts',
  'billing:write': 'Manage the plan and billing',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

// Own properties only: `in` would walk the prototype and take "toString" or "__proto__" for a name.
export const isPermission = (value: string): value is Permission => Object.hasOwn(PERMISSIONS, value);

export type BuiltInRoleId = 'owner' | 'admin' | 'editor' | 'viewer' | 'client';

export interface RoleDefinition {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: Permission[];
}

const READ_CONTENT: Permission[] = ['workspace:read', 'posts:read', 'accounts:read', 'media:read', 'analytics:read'];

/**
 * The permission matrix of the built-in roles (documented in backend/README.md). Owners hold every
 * permission; only they manage billing and custom roles.
 */
export const BUILT_IN_ROLES: Record<BuiltInRoleId, RoleDefinition> = {
  owner: { id: 'owner', name: 'Owner', builtIn: true, permissions: ALL_PERMISSIONS },
  admin: {
    id: 'admin',
    name: 'Admin',
    builtIn: true,
    permissions: ALL_PERMISSIONS.filter((p) => p !== 'billing:write' && p !== 'roles:write'),
  },
  editor: {
    id: 'editor',
    name: 'Editor',
    builtIn: true,
    permissions: [
      ...READ_CONTENT,
      'members:read',
      'posts:write',
      'accounts:write',
      'media:write',
      'automations:read',
      'automations:write',
      'approvals:write',
    ],
  },
  viewer: {
    id: 'viewer',
    name: 'Viewer',
    builtIn: true,
    permissions: [...READ_CONTENT, 'members:read', 'automations:read'],
  },
  client: {
    id: 'client',
    name: 'Client',
    builtIn: true,
    permissions: ['workspace:read', 'posts:read', 'approvals:write'],
  },
};

export const isBuiltInRole = (role: string): role is BuiltInRoleId => Object.hasOwn(BUILT_IN_ROLES, role);
