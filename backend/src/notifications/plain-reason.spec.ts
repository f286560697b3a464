import { describe, expect, it } from 'vitest';
import { plainReason } from './notification-handlers';

describe('a failed post explained in plain words', () => {
  it('says what to do by the failure code, then the network’s own words', () => {
    expect(plainReason('REAUTH_REQUIRED', 'OAuthException: Error validating access token (code 190)')).toBe(
      'The account needs reconnecting: the network no longer accepts its sign-in. Reconnect it, then retry. ' +
        '(The network said: OAuthException: Error validating access token (code 190))',
    );
    expect(plainReason('NETWORK_NOT_CONFIGURED', null)).toMatch(/not set up on the server.*Ask your admin/);
  });

  it('does not guess from the wording: a token-shaped word in a rejection is still a rejection', () => {
    const said = plainReason('REJECTED', 'Duplicate status: the token "summer" was already posted');
    expect(said).toMatch(/^The network refused the post/);
    expect(said).not.toMatch(/reconnect/i);
  });

  it('passes the reason on when there is no code, and says when there is none at all', () => {
    expect(plainReason(undefined, '  Media   too large ')).toBe('The network said: Media too large');
    expect(plainReason(undefined, null)).toBe('The network gave no reason.');
  });
});
