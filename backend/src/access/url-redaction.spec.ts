import { describe, expect, it } from 'vitest';
import { redactRequest, redactUrl } from './url-redaction';

describe('redactUrl', () => {
  it.each([
    ['/api/v1/invites/by-token/abc123', '/api/v1/invites/by-token/[redacted]'],
    ['/api/v1/approval-links/abc123/comments', '/api/v1/approval-links/[redacted]/comments'],
    ['/approve/abc123?x=1', '/approve/[redacted]?x=1'],
    ['/invites/accept?token=abc123', '/invites/accept?token=[redacted]'],
    ['/reset-password?token=abc&next=/', '/reset-password?token=[redacted]&next=/'],
    ['/media/k.png?expires=9&signature=abc', '/media/k.png?expires=9&signature=[redacted]'],
    ['/cb?state=s1&code=c1', '/cb?state=[redacted]&code=[redacted]'],
    ['https://app.example/approve/abc123', 'https://app.example/approve/[redacted]'],
    ['/api/v1/posts?cursor=abc', '/api/v1/posts?cursor=abc'],
    ['/api/v1/approvals/abc123', '/api/v1/approvals/abc123'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts parsed query and params and the Referer, leaving the rest', () => {
    const req = {
      method: 'GET',
      url: '/api/v1/invites/by-token/abc',
      params: { token: 'abc', id: '7' },
      query: { token: 'abc', page: '2' },
      headers: { referer: 'http://app.test/approve/xyz', 'user-agent': 'ua' },
    };
    expect(redactRequest(req)).toEqual({
      method: 'GET',
      url: '/api/v1/invites/by-token/[redacted]',
      params: { token: '[redacted]', id: '7' },
      query: { token: '[redacted]', page: '2' },
      headers: { referer: 'http://app.test/approve/[redacted]', 'user-agent': 'ua' },
    });
  });
});
