import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPublic, isPrivateAddress, PrivateUrlError, publicUrl } from './public-url';

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

describe('fetches that reach public addresses only', () => {
  let server: Server;
  let port: number;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests++;
      response.end('inside');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses a name that resolves to a private address when the socket connects (no rebinding window)', async () => {
    // localhost stands for a name that answered public to the first check and private to the fetch.
    const refused = fetchPublic(`http://localhost:${port}/`, {}, { allowPrivate: false });
    await expect(refused).rejects.toBeInstanceOf(PrivateUrlError);
    await expect(refused).rejects.toThrow('localhost is on a private network');
  });

  it('refuses a private address written in the URL', async () => {
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]']) {
      await expect(fetchPublic(`http://${host}:${port}/`, {}, { allowPrivate: false })).rejects.toThrow(
        'is on a private network',
      );
    }
    expect(requests).toBe(0);
  });

  it('reaches the private network when the configuration allows it', async () => {
    const response = await fetchPublic(`http://localhost:${port}/`, {}, { allowPrivate: true });
    expect(await response.text()).toBe('inside');
    expect(requests).toBe(1);
  });
});
