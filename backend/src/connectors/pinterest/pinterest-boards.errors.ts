import { defineErrors } from '../../common/domain-error';

export class PinterestBoardsError extends defineErrors('pinterest', {
  NOT_PINTEREST: { status: 400, title: 'Only Pinterest accounts have boards' },
  NOT_CONFIGURED: { status: 400, title: 'Pinterest is not set up on this server' },
  RECONNECT_NEEDED: { status: 409, title: 'Pinterest refused the account’s token: reconnect it' },
  PINTEREST_FAILED: { status: 502, title: 'Pinterest could not list the boards' },
}) {}
