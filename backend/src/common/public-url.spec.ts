import { describe, expect, it } from 'vitest';
import { isPrivateAddress, publicUrl } from './public-url';

describe('the private-network guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    'febf::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a00:1',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '2606:4700::6810:85e5', '::ffff:5db8:d822'])('lets %s through', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses URLs whose host is a private address in any spelling, unless allowed', async () => {
    for (const url of ['http://127.0.0.1/', 'http://[::ffff:127.0.0.1]/x', 'http://[::1]:8080/', 'http://localhost/']) {
      await expect(publicUrl(url, { allowPrivate: false })).rejects.toThrow('private network');
    }
    await expect(publicUrl('ftp://example.com/', { allowPrivate: true })).rejects.toThrow('only http(s)');
    expect((await publicUrl('http://127.0.0.1/', { allowPrivate: true })).host).toBe('127.0.0.1');
  });
});
