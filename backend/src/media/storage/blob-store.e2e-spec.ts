import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Azurite, startAzurite } from '../../testing/azurite';
import { AzureBlobStore } from './azure-blob-store';
import { BlobNotFoundError, BlobStore, BlobTooLargeError } from './blob-store';
import { LocalDirectoryStore } from './local-directory-store';

interface Backend {
  store: BlobStore;
  close(): Promise<void>;
}

async function local(): Promise<Backend> {
  const root = mkdtempSync(join(tmpdir(), 'so-media-'));
  return {
    store: new LocalDirectoryStore(root, 'http://app.test', randomBytes(32)),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
}

async function azure(): Promise<Backend> {
  const azurite: Azurite = await startAzurite();
  const store = new AzureBlobStore(azurite.connectionString, 'media');
  await store.init();
  return { store, close: () => azurite.stop() };
}

/** Chunks of `total` bytes, streamed (never one buffer), as an upload arrives. */
const chunks = (total: number, size = 64 * 1024) =>
  Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), 'a');
    })(),
  );

describe.each([
  ['local directory', local],
  ['Azure Blob (Azurite)', azure],
] as const)('BlobStore: %s', (_name, open) => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await open();
  });
  afterAll(() => backend?.close());

  it('stores a streamed object and reads it back', async () => {
    const stored = await backend.store.put('w1/media/a.txt', Readable.from(['hello ', 'world']), 'text/plain', 1024);
    expect(stored).toEqual({ key: 'w1/media/a.txt', bytes: 11, contentType: 'text/plain' });
    expect(await backend.store.exists('w1/media/a.txt')).toBe(true);
    expect(await text(await backend.store.get('w1/media/a.txt'))).toBe('hello world');
  });

  it('streams a large upload within the limit', async () => {
    const stored = await backend.store.put(
      'w1/media/big.bin',
      chunks(6 * 1024 * 1024),
      'application/octet-stream',
      8 * 1024 * 1024,
    );
    expect(stored.bytes).toBe(6 * 1024 * 1024);
  });

  it('refuses an upload over the limit and keeps nothing of it', async () => {
    await expect(
      backend.store.put('w1/media/too-big.bin', chunks(300 * 1024), 'application/octet-stream', 100 * 1024),
    ).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await backend.store.exists('w1/media/too-big.bin')).toBe(false);
  });

  it('deletes, and reports a missing object', async () => {
    await backend.store.put('w1/media/gone.txt', Readable.from(['x']), 'text/plain', 10);
    await backend.store.delete('w1/media/gone.txt');
    expect(await backend.store.exists('w1/media/gone.txt')).toBe(false);
    await expect(backend.store.get('w1/media/gone.txt')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../etc/passwd', '/abs', 'w1/../../x', 'w1//x']) {
      await expect(backend.store.put(key, Readable.from(['x']), 'text/plain', 10)).rejects.toThrow(
        'unsafe storage key',
      );
    }
  });

  it('signs an expiring URL', async () => {
    await backend.store.put('w1/media/pic.txt', Readable.from(['pixels']), 'text/plain', 100);
    const url = new URL(await backend.store.signedUrl('w1/media/pic.txt', new Date(Date.now() + 60_000)));
    expect(url.pathname.endsWith('/w1/media/pic.txt')).toBe(true);
    if (backend.store instanceof AzureBlobStore) {
      // A real SAS URL: fetchable without credentials, and read-only.
      const res = await fetch(url);
      expect(await res.text()).toBe('pixels');
      // Not an image or video: blob storage serves it as a download, never shown under its origin.
      expect(res.headers.get('content-disposition')).toBe('attachment');
      expect(url.searchParams.get('sp')).toBe('r');
    } else {
      const store = backend.store as LocalDirectoryStore;
      const [expires, signature] = [Number(url.searchParams.get('expires')), url.searchParams.get('signature')!];
      expect(store.verify('w1/media/pic.txt', expires, signature)).toBe(true);
      expect(store.verify('w1/media/other.txt', expires, signature)).toBe(false);
      expect(store.verify('w1/media/pic.txt', expires, signature, new Date(Date.now() + 120_000))).toBe(false);
    }
  });

  it("knows its own URLs by key after they expire, and no one else's", async () => {
    const expired = await backend.store.signedUrl('w1/media/pic.txt', new Date(Date.now() - 3600_000));
    expect(backend.store.keyOf(expired)).toBe('w1/media/pic.txt');
    expect(backend.store.keyOf('https://elsewhere.test/media/w1/media/pic.txt')).toBeNull();
    if (backend.store instanceof LocalDirectoryStore) {
      const forged = new URL(expired);
      forged.searchParams.set('signature', 'forged');
      expect(backend.store.keyOf(forged.toString())).toBeNull();
    }
  });
});
