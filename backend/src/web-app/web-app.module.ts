import {
  Controller,
  DynamicModule,
  Get,
  Inject,
  Injectable,
  Module,
  NotFoundException,
  OnModuleInit,
  Req,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access/access.decorators';

const WEB_ROOT = Symbol('WEB_ROOT');

/**
 * Paths that belong to the API and the platform, and files the build does not have (a stale tab asking
 * for last release's script must get a 404, not the index page as JavaScript): never the web app.
 */
const NOT_THE_SPA =
  /^\/(api|internal|media)(\/|$)|^\/(healthz|readyz|metrics)$|\.(m?js|css|map|json|txt|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|webmanifest)$/i;

/** The built web app's files, each its own route (the folder is read once, at start-up). */
@Injectable()
class WebAssets implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_ROOT) private readonly root: string,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(fastifyStatic, { root: this.root, wildcard: false });
  }
}

/** Any other GET is a place in the single-page app (a deep link, a reload): its index page. */
@ApiExcludeController()
@Controller()
class WebAppController {
  @Get('*')
  @Public()
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const path = request.url.split('?')[0];
    if (NOT_THE_SPA.test(path)) throw new NotFoundException();
    return reply.sendFile('index.html');
  }
}

/** Serves the built web app beside the API (`WEB_DIST_DIR`; `npm start` does, production may not). */
@Module({})
export class WebAppModule {
  static forRoot(root: string): DynamicModule {
    return {
      module: WebAppModule,
      controllers: [WebAppController],
      providers: [{ provide: WEB_ROOT, useValue: root }, WebAssets],
    };
  }
}
