import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';

/**
 * The one inline script the built web app has: Angular's critical-CSS loader,
 * `<link media="print" onload="this.media='all'">`. Allowed by its hash (CSP3 `'unsafe-hashes'`),
 * so the stylesheet still loads while any other inline handler or script stays blocked.
 */
const STYLESHEET_LOADER = `'sha256-${createHash('sha256').update("this.media='all'").digest('base64')}'`;

/**
 * What the web app (and the API docs) load: code, styles and data from our own origin only; images
 * and video also from https (signed media URLs on blob storage, a workspace's logo); Angular and
 * Swagger UI inject component styles at run time, hence inline styles. No page of ours may be
 * framed (clickjacking, the client approval page included), nor post a form elsewhere.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'unsafe-hashes'", STYLESHEET_LOADER],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
  mediaSrc: ["'self'", 'blob:', 'https:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/**
 * Security headers on every response (@fastify/helmet): the CSP above, `X-Frame-Options: DENY` for
 * browsers without `frame-ancestors`, `nosniff`, no referrer (approval and invite
 * links carry their token in the path), and HSTS in production only: on a developer's plain-http
 * `localhost` it would pin the name to https for a year.
 */
export async function useSecurityHeaders(app: NestFastifyApplication, options: { production: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Media and logos come from other origins (blob storage, networks' CDNs) without CORP headers.
    crossOriginEmbedderPolicy: false,
  });
}
