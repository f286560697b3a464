import { defineErrors } from '../common/domain-error';

export class AccountsError extends defineErrors('accounts', {
  NETWORK_NOT_CONFIGURED: { status: 400, title: 'This network is not set up on this server' },
  OAUTH_STATE_INVALID: { status: 400, title: 'The sign-in with the network expired or was not started here' },
  OAUTH_DENIED: { status: 400, title: 'The network did not grant access' },
  INSTANCE_INVALID: { status: 400, title: 'That server cannot be connected' },
  INSTANCE_UNREACHABLE: { status: 502, title: 'That server could not be reached' },
  NETWORK_UNREACHABLE: { status: 502, title: 'The network could not check the credentials' },
  OAUTH_NO_ACCOUNTS: { status: 400, title: 'The sign-in covers no account this network lets us publish to' },
  SETTINGS_NOT_SUPPORTED: { status: 400, title: 'Only Sandbox accounts have simulation settings' },
}) {}
