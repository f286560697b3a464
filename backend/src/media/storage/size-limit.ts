import { Transform, TransformCallback } from 'node:stream';
import { BlobTooLargeError } from './blob-store';

/** Passes bytes through, counting them, and fails the stream once `maxBytes` is exceeded. */
export class SizeLimit extends Transform {
  bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new BlobTooLargeError(this.maxBytes));
    callback(null, chunk);
  }
}
