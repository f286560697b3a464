import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, BlobNotFoundError, BlobStore, StoredObject } from './blob-store';
import { SizeLimit } from './size-limit';

/**
 * Media in a local directory (embedded default). Signed URLs point at the app's own public media
 * route (`<publicUrl>/media/<key>?expires=…&signature=…`) and are checked with `verify()`.
 */
export class LocalDirectoryStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly publicUrl: string,
    private readonly signingKey: Buffer,
  ) {}

  async put(key: string, body: Readable, contentType: string, maxBytes: number): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const limit = new SizeLimit(maxBytes);
    try {
      await pipeline(body, limit, createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { key, bytes: limit.bytes, contentType };
  }

  async get(key: string): Promise<Readable> {
    if (!(await this.exists(key))) throw new BlobNotFoundError(key);
    return createReadStream(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async signedUrl(key: string, expiresAt: Date): Promise<string> {
    assertSafeKey(key);
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${this.publicUrl}/media/${key}?expires=${expires}&signature=${this.sign(key, expires)}`;
  }

  /** True when a signed URL's parts are authentic and not expired. */
  verify(key: string, expires: number, signature: string, now = new Date()): boolean {
    return this.authentic(key, expires, signature) && expires * 1000 >= now.getTime();
  }

  keyOf(url: string): string | null {
    const prefix = `${this.publicUrl}/media/`;
    if (!url.startsWith(prefix)) return null;
    const { pathname, searchParams } = new URL(url);
    const key = decodeURIComponent(pathname.slice(new URL(prefix).pathname.length));
    const expires = Number(searchParams.get('expires'));
    return this.authentic(key, expires, searchParams.get('signature') ?? '') ? key : null;
  }

  /** Signed by us for this key and time, whether or not that time has passed. */
  private authentic(key: string, expires: number, signature: string): boolean {
    if (!Number.isInteger(expires)) return false;
    const expected = Buffer.from(this.sign(key, expires));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(key: string, expires: number): string {
    return createHmac('sha256', this.signingKey).update(`${key}\n${expires}`).digest('base64url');
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return join(this.root, ...key.split('/'));
  }
}
