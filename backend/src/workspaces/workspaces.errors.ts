import { DomainError, ErrorSpec } from '../common/domain-error';

export type WorkspacesErrorCode =
  'LAST_OWNER' | 'OWNER_ONLY' | 'ROLE_NOT_FOUND' | 'ROLE_IN_USE' | 'ROLE_NAME_TAKEN' | 'ALREADY_MEMBER';

const SPECS: Record<WorkspacesErrorCode, ErrorSpec> = {
  LAST_OWNER: { status: 409, title: 'A workspace needs at least one Owner' },
  OWNER_ONLY: { status: 403, title: 'Only an Owner can do this' },
  ROLE_NOT_FOUND: { status: 400, title: 'Unknown role' },
  ROLE_IN_USE: { status: 409, title: 'The role is still assigned' },
  ROLE_NAME_TAKEN: { status: 409, title: 'A role with this name already exists' },
  ALREADY_MEMBER: { status: 409, title: 'Already a member of this workspace' },
};

export class WorkspacesError extends DomainError<WorkspacesErrorCode> {
  readonly context = 'workspaces';
  protected readonly specs = SPECS;
}
