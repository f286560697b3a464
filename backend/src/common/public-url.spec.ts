import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPublic, isPrivateAddress, PrivateUrlError, publicUrl } from './public-url';

describe('the private-network guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.20.0.1', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.1', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['168.63.129.16', "Azure's wire server"],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fd00::1', 'unique local'],
    ['fd00:ec2::254', 'AWS metadata over IPv6'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'deprecated site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:a00:1', 'IPv4-mapped 10.0.0.1'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata'],
    ['::ffff:0:7f00:1', 'SIIT (RFC 6145) loopback'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::7f00:1', 'IPv4-compatible loopback, hex'],
    ['::5db8:d822', 'IPv4-compatible, even of a public address (deprecated form)'],
    ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
    ['64:ff9b::10.0.0.1', 'NAT64 of 10.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata address'],
    ['64:ff9b:1::5db8:d822', 'NAT64 local-use prefix'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:a9fe:a9fe::1', '6to4 of the metadata address'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo whose client is 127.0.0.1'],
    ['2001:0:a00:1:8000:63bf:a2db:d7cb', 'Teredo whose server is 10.0.0.1'],
    ['localhost', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ['93.184.216.34', 'public IPv4'],
    ['8.8.8.8', 'public IPv4'],
    ['168.63.129.17', "next to Azure's wire server"],
    ['2606:4700::6810:85e5', 'public IPv6'],
    ['[2606:4700::6810:85e5]', 'public IPv6 in brackets'],
    ['::ffff:5db8:d822', 'IPv4-mapped public'],
    ['64:ff9b::5db8:d822', 'NAT64 of a public address'],
    ['2002:5db8:d822::1', '6to4 of a public address'],
    ['2001:0:4136:e378:8000:63bf:a2db:d7cb', 'Teredo between public addresses'],
  ])('lets %s through (%s)', (address) => {
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
