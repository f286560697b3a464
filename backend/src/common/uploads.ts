import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, Type } from '@nestjs/common';
import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { tooLarge } from './body-parsing';
import { newId } from './ids';

/** A file of a multipart upload, on disk in a temporary place: the handler moves it and removes it. */
export interface UploadedFile {
  path: string;
  originalname: string;
  mimetype: string;
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
      const request = context.switchToHttp().getRequest<FastifyRequest & { file?: UploadedFile }>();
      if (request.headers['content-type']?.startsWith('multipart/form-data')) {
        request.file = await receiveFile(request, field, maxBytes(this.config));
      }
      return next.handle();
    }
  }
  return FileUploadInterceptor;
}

function receiveFile(request: FastifyRequest, field: string, maxBytes: number): Promise<UploadedFile | undefined> {
  return new Promise((resolve, reject) => {
    const form = busboy({ headers: request.headers, limits: { fileSize: maxBytes, files: 1, fields: 10 } });
    let saving: Promise<UploadedFile | undefined> = Promise.resolve(undefined);
    form.on('file', (name, stream, info) => {
      if (name !== field) return void stream.resume();
      const path = join(tmpdir(), `upload-${newId()}`);
      let size = 0;
      stream.on('data', (chunk: Buffer) => (size += chunk.length));
      saving = pipeline(stream, createWriteStream(path)).then(async () => {
        if (!stream.truncated) return { path, originalname: info.filename ?? 'upload', mimetype: info.mimeType, size };
        await rm(path, { force: true });
        throw tooLarge(maxBytes);
      });
    });
    form.on('close', () => saving.then(resolve, reject));
    form.on('error', reject);
    request.raw.pipe(form);
  });
}
