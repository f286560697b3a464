import { DomainError, ErrorSpec } from '../common/domain-error';

export type InvitesErrorCode =
  'INVITE_INVALID' | 'INVITE_EMAIL_MISMATCH' | 'ALREADY_INVITED' | 'ALREADY_MEMBER' | 'OWNER_ONLY';

const SPECS: Record<InvitesErrorCode, ErrorSpec> = {
  INVITE_INVALID: { status: 404, title: 'The invite link is invalid, used or expired' },
  INVITE_EMAIL_MISMATCH: { status: 403, title: 'This invite was sent to another email address' },
  ALREADY_INVITED: { status: 409, title: 'This email already has a pending invite' },
  ALREADY_MEMBER: { status: 409, title: 'This person is already a member' },
  OWNER_ONLY: { status: 403, title: 'Only an Owner can invite an Owner' },
};

export class InvitesError extends DomainError<InvitesErrorCode> {
  readonly context = 'invites';
  protected readonly specs = SPECS;
}
