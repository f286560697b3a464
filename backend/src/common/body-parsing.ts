import { PayloadTooLargeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseForm } from 'node:querystring';
import type { Readable } from 'node:stream';
import { defineErrors } from './domain-error';

export class BodyError extends defineErrors('http', {
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
}) {}

/** Inbound webhooks are verified over the exact bytes sent, so their bodies stay raw. */
export const RAW_BODY_PATH = '/api/v1/hooks/';

const wantsRawBody = (request: FastifyRequest) => request.url.startsWith(RAW_BODY_PATH);

/**
 * The API's body parsers: JSON and URL-encoded forms parsed (an empty body is no body), anything
 * under the hooks path kept as the bytes sent, and multipart left unread for the upload routes
 * to stream (see uploads.ts). Fastify enforces `bodyLimit` while reading (413, as Nest maps it);
 * malformed JSON is a typed error here, so it answers as problem+json like any other.
 */
export function useBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const limit = fastify.initialConfig.bodyLimit!;
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (wantsRawBody(request)) return done(null, body);
    if (!body.length) return done(null, undefined);
    parseJson(request, body.toString('utf8'), (error, value) =>
      error ? done(new BodyError('MALFORMED_JSON', error.message), undefined) : done(null, value),
    );
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) =>
    done(null, wantsRawBody(request) ? body : { ...parseForm(body.toString('utf8')) }),
  );
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    if (!wantsRawBody(request)) return done(null, undefined);
    readAll(payload, limit).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });
  // Other types: the bytes for the hooks, nothing for the rest (as a route reading no body expects).
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) =>
    done(null, wantsRawBody(request) ? body : undefined),
  );
}

/** The whole of a stream Fastify left unread, refused beyond `limit` bytes. */
async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The one 413 of the API, as Nest maps Fastify's own refusal of a body over `bodyLimit`. */
export const tooLarge = (limit: number) => new PayloadTooLargeException(`The limit is ${limit} bytes`);
