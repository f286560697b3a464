import { PayloadTooLargeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseForm } from 'node:querystring';
import type { Readable } from 'node:stream';
import { defineErrors } from './domain-error';

export class BodyError extends defineErrors('http', {
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  TOO_DEEP: { status: 400, title: 'The request body nests too deeply' },
  MALFORMED_TEXT: { status: 400, title: 'The request body has text that is not valid Unicode' },
  MALFORMED_MULTIPART: { status: 400, title: 'The upload is not a readable multipart/form-data body' },
}) {}

/** No request of ours nests anywhere near this; a deeper body would only exhaust the stack of what walks it. */
export const MAX_JSON_DEPTH = 64;

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
    const text = body.toString('utf8');
    if (nestingDepth(text) > MAX_JSON_DEPTH) {
      const message = `nests deeper than ${MAX_JSON_DEPTH} levels`;
      return done(new BodyError('TOO_DEEP', `body: ${message}`, [{ field: 'body', message }]), undefined);
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(new BodyError('MALFORMED_JSON', error.message), undefined);
      const broken = LONE_SURROGATE_ESCAPE.test(text) ? illFormedText(value) : null;
      if (broken !== null) {
        const message = 'has a lone UTF-16 surrogate (\\ud800–\\udfff without its pair)';
        return done(new BodyError('MALFORMED_TEXT', `${broken}: ${message}`, [{ field: broken, message }]), undefined);
      }
      done(null, value);
    });
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

/**
 * How deeply a JSON text nests arrays and objects, read before parsing (brackets inside strings
 * skipped): JSON.parse itself copes with 10,000 levels, but what walks the result afterwards
 * (class-transformer, class-validator, logging) recurses and runs out of stack.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * A high or low surrogate written as an escape: the only way a lone one gets into a JSON body, as
 * UTF-8 bytes cannot carry one (they decode to U+FFFD). Strings holding one break encoders later
 * (`encodeURIComponent`, database drivers), so such a body is refused, naming where.
 */
const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** A surrogate not part of a pair: in a `u` regex, a pair is one code point and never matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first key or string in `value` that is not well-formed UTF-16, or null. */
export function illFormedText(value: unknown, path = 'body'): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path === 'body' ? key : `${path}.${key}`;
    if (LONE_SURROGATE.test(key)) return at;
    const found = illFormedText(item, at);
    if (found !== null) return found;
  }
  return null;
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
