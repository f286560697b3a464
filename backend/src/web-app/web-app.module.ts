import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { basename } from 'node:path';

const WEB_ROOT = Symbol('WEB_ROOT');

/**
 * Paths that belong to the API and the platform, and files the build does not have (a stale tab asking
 * for last release's script must get a 404, not the index page as JavaScript): never the web app.
 */
const NOT_THE_SPA =
  /^\/(api|internal|media)(\/|$)|^\/(healthz|readyz|metrics)$|\.(m?js|css|map|json|txt|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|webmanifest)$/i;

/**
 * A file whose name carries its content hash (Angular's `main-VZNPTKVO.js`, `chunk-…`, `styles-…`):
 * a new build gives it a new name, so a browser may keep it for a year without asking again.
 */
const FINGERPRINTED = /-[A-Za-z0-9]{8,}\.(m?js|css)$/;

/** Immutable for fingerprinted bundles; everything else (index.html, assets/) is checked on each use. */
export function cacheControlFor(path: string): string {
  return FINGERPRINTED.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The built web app in a scope of its own: its files, each its own route (the folder is read once,
 * at start-up), and any other GET as a place in the single-page app (a deep link, a reload) answered
 * with the index page. Compression (brotli, else gzip) is registered in this scope only, so API
 * responses and event streams are left as they are, and no request body is ever decompressed.
 */
@Injectable()
class WebAssets implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_ROOT) private readonly root: string,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      await scope.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'] });
      await scope.register(fastifyStatic, {
        root: this.root,
        wildcard: false,
        cacheControl: false,
        setHeaders: (reply: FastifyReply, path: string) => reply.header('cache-control', cacheControlFor(path)),
      });
      scope.get('/*', (request, reply) => this.index(request, reply));
    });
  }

  private index(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?')[0];
    // The platform's own 404 (problem+json), as for any unknown route.
    if (NOT_THE_SPA.test(path)) return reply.callNotFound();
    return reply.sendFile('index.html');
  }
}

/** Serves the built web app beside the API (`WEB_DIST_DIR`; `npm start` does, production may not). */
@Module({})
export class WebAppModule {
  static forRoot(root: string): DynamicModule {
    return {
      module: WebAppModule,
      providers: [{ provide: WEB_ROOT, useValue: root }, WebAssets],
    };
  }
}
