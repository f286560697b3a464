import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Type } from '@nestjs/common';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { BodyError, tooLarge } from './body-parsing';
import { newId } from './ids';

/** An uploaded file, on disk in a temporary place: the handler moves it and removes it. */
export interface Upload {
  path: string;
  /** The name it had on the sender's side. */
  originalname: string;
  size: number;
}

/**
 * A route's multipart upload of one file in `field`, for `@UploadedFile()`: streamed to a
 * temporary file (never held in memory) and refused beyond the limit with 413, the partial file
 * removed. A request without the file leaves it undefined, for the handler to name the field.
 * (Multer did this under Express; busboy is what it and @fastify/multipart are built on.)
 */
export function FileUpload(field: string, maxBytes: (config: AppConfig) => number): Type<NestInterceptor> {
  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const request = context.switchToHttp().getRequest<FastifyRequest & { file?: Upload }>();
      if (request.headers['content-type']?.startsWith('multipart/form-data')) {
        request.file = await receiveFile(request, field, maxBytes(this.config));
      }
      return next.handle();
    }
  }
  return FileUploadInterceptor;
}

/** A multipart body busboy cannot read (no or wrong boundary, cut short, broken part headers): 400 naming the field. */
function malformedForm(field: string, error: Error): BodyError {
  const message = `is not a readable multipart/form-data upload (${error.message})`;
  return new BodyError('MALFORMED_MULTIPART', `${field}: ${message}`, [{ field, message }]);
}

class UploadInterrupted extends Error {
  constructor() {
    super('The upload ended before the file was sent');
  }
}

function receiveFile(request: FastifyRequest, field: string, maxBytes: number): Promise<Upload | undefined> {
  return new Promise((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: request.headers, limits: { fileSize: maxBytes, files: 1, fields: 10 } });
    } catch (error) {
      // No boundary, or a content type busboy cannot read: the sender's mistake, not ours.
      return reject(malformedForm(field, error as Error));
    }
    let saving: Promise<Upload | undefined> = Promise.resolve(undefined);
    let receiving: Readable | undefined;
    form.on('file', (name, stream, info) => {
      if (name !== field) return void stream.resume();
      receiving = stream;
      saving = saveFile(stream, maxBytes).then((saved) => ({
        ...saved,
        originalname: info.filename ?? 'upload',
      }));
      saving.catch(() => undefined); // settled through 'close' or the interruption below
    });
    form.on('close', () => saving.then(resolve, reject));
    form.on('error', (error: Error) => reject(malformedForm(field, error)));
    // A sender who goes away mid-upload leaves no request to answer and no partial file behind.
    request.raw.once('close', () => {
      if (request.raw.complete) return;
      receiving?.destroy();
      form.destroy();
      reject(new UploadInterrupted());
    });
    request.raw.pipe(form);
  });
}

/** One file's bytes into a temporary file, removed again if they stop short or run over the limit. */
async function saveFile(
  stream: Readable & { truncated?: boolean },
  maxBytes: number,
): Promise<{ path: string; size: number }> {
  const path = join(tmpdir(), `upload-${newId()}`);
  let size = 0;
  stream.on('data', (chunk: Buffer) => (size += chunk.length));
  try {
    await pipeline(stream, createWriteStream(path));
    if (stream.truncated) throw tooLarge(maxBytes);
    return { path, size };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}
