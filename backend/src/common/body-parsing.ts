import type { INestApplication } from '@nestjs/common';
import { json, raw, urlencoded, type ErrorRequestHandler } from 'express';
import { defineErrors } from './domain-error';

export class BodyError extends defineErrors('http', {
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_ENCODING: { status: 415, title: 'The request encoding is not supported' },
  UNSUPPORTED_CHARSET: { status: 415, title: 'The request charset is not supported' },
}) {}

type BodyErrorCode = BodyError['code'];

/** body-parser's error `type`s, mapped to our codes. */
const BY_PARSER_TYPE: Record<string, BodyErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_ENCODING',
  'charset.unsupported': 'UNSUPPORTED_CHARSET',
};

/** Parser failures become typed errors here, before Nest would turn them into generic ones. */
const toBodyError: ErrorRequestHandler = (error: { type?: string; limit?: number }, _req, _res, next) => {
  const code = error?.type ? BY_PARSER_TYPE[error.type] : undefined;
  if (!code) return next(error);
  next(new BodyError(code, code === 'BODY_TOO_LARGE' ? `The limit is ${error.limit} bytes` : undefined));
};

/** Inbound webhooks are verified over the exact bytes sent, so their bodies stay raw. */
export const RAW_BODY_PATH = '/api/v1/hooks';

export function useBodyParsers(app: INestApplication, limit: string): void {
  app.use(RAW_BODY_PATH, raw({ type: () => true, limit }));
  app.use(json({ limit }), urlencoded({ limit, extended: false }), toBodyError);
}
