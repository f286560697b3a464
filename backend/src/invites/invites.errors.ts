import { defineErrors } from '../common/domain-error';

export class InvitesError extends defineErrors('invites', {
  INVITE_INVALID: { status: 404, title: 'The invite link is invalid, used or expired' },
  INVITE_EMAIL_MISMATCH: { status: 403, title: 'This invite was sent to another email address' },
  ALREADY_INVITED: { status: 409, title: 'This email already has a pending invite' },
  ALREADY_MEMBER: { status: 409, title: 'This person is already a member' },
  OWNER_ONLY: { status: 403, title: 'Only an Owner can invite an Owner' },
}) {}
