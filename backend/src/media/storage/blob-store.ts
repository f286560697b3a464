import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  bytes: number;
  contentType: string;
}

/**
 * Where media bytes live. Two real implementations: a local directory (embedded default) and
 * Azure Blob Storage (production). Keys are opaque, slash-separated paths chosen by the media module.
 */
export interface BlobStore {
  /** Streams `body` to `key`, refusing (and removing what was written) beyond `maxBytes`. */
  put(key: string, body: Readable, contentType: string, maxBytes: number): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** A URL a network can fetch the object from until `expiresAt` (Instagram, Threads… fetch media by URL). */
  signedUrl(key: string, expiresAt: Date): Promise<string>;
  /**
   * The key one of this store's own URLs names, expired or not; null for any other address. An
   * exported sheet names library items by such URLs, and importing it back reuses the items.
   */
  keyOf(url: string): string | null;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the upload exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object at ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/** Keys never escape their store: no absolute paths, no `..`, only safe characters. */
export function assertSafeKey(key: string): void {
  if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}
