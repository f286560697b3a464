import { defineErrors } from '../common/domain-error';

export class WorkspacesError extends defineErrors('workspaces', {
  LAST_OWNER: { status: 409, title: 'A workspace needs at least one Owner' },
  OWNER_ONLY: { status: 403, title: 'Only an Owner can do this' },
  ROLE_NOT_FOUND: { status: 400, title: 'Unknown role' },
  ROLE_IN_USE: { status: 409, title: 'The role is still assigned' },
  ROLE_NAME_TAKEN: { status: 409, title: 'A role with this name already exists' },
  ALREADY_MEMBER: { status: 409, title: 'Already a member of this workspace' },
}) {}
