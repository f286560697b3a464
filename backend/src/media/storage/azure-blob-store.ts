import {
  BlobSASPermissions,
  BlobServiceClient,
  ContainerClient,
  RestError,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { Readable } from 'node:stream';
import { assertSafeKey, BlobNotFoundError, BlobStore, StoredObject } from './blob-store';
import { contentDisposition } from './served-as';
import { SizeLimit } from './size-limit';

const UPLOAD_BUFFER = 4 * 1024 * 1024;

/** Media in an Azure Blob Storage container; signed URLs are read-only SAS URLs. */
export class AzureBlobStore implements BlobStore {
  private readonly container: ContainerClient;

  constructor(connectionString: string, containerName: string) {
    this.container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(containerName);
  }

  async init(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async put(key: string, body: Readable, contentType: string, maxBytes: number): Promise<StoredObject> {
    assertSafeKey(key);
    const limit = new SizeLimit(maxBytes);
    const blob = this.container.getBlockBlobClient(key);
    const counted = body.pipe(limit);
    // A source error (or the size limit) must fail the upload, not leave it waiting.
    body.once('error', (error) => counted.destroy(error));
    try {
      // Blob storage serves the file itself: anything not an image or video is a download there too.
      await blob.uploadStream(counted, UPLOAD_BUFFER, 4, {
        blobHTTPHeaders: { blobContentType: contentType, blobContentDisposition: contentDisposition(contentType) },
      });
    } catch (error) {
      await blob.deleteIfExists();
      throw limit.destroyed && limit.errored ? limit.errored : error;
    }
    return { key, bytes: limit.bytes, contentType };
  }

  async get(key: string): Promise<Readable> {
    assertSafeKey(key);
    try {
      const response = await this.container.getBlobClient(key).download();
      return response.readableStreamBody as Readable;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.container.getBlobClient(key).deleteIfExists();
  }

  async exists(key: string): Promise<boolean> {
    assertSafeKey(key);
    return this.container.getBlobClient(key).exists();
  }

  async signedUrl(key: string, expiresAt: Date): Promise<string> {
    assertSafeKey(key);
    const blob = this.container.getBlobClient(key);
    if (!(blob.credential instanceof StorageSharedKeyCredential)) {
      throw new Error('signed URLs need an account-key connection string');
    }
    return blob.generateSasUrl({ permissions: BlobSASPermissions.parse('r'), expiresOn: expiresAt });
  }

  keyOf(url: string): string | null {
    const prefix = `${this.container.url}/`;
    if (!url.startsWith(prefix)) return null;
    const key = decodeURIComponent(new URL(url).pathname.slice(new URL(prefix).pathname.length));
    try {
      assertSafeKey(key);
      return key;
    } catch {
      return null;
    }
  }
}
