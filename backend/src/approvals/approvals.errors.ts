import { defineErrors } from '../common/domain-error';

export class ApprovalsError extends defineErrors('approvals', {
  ALREADY_DECIDED: { status: 409, title: 'This approval was already decided' },
  OWN_POST: { status: 403, title: 'Someone else approves your post' },
  INVALID_EDIT: { status: 400, title: 'An edited text does not fit its network' },
  LINK_INVALID: { status: 404, title: 'This approval link is not valid or has expired' },
}) {}
