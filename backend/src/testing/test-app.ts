import { INestApplication } from '@nestjs/common';
import { FastifyInstance } from 'fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../bootstrap';
import { AppConfig, loadConfig } from '../config/app-config';
import { createTestDatabase, DatabaseKind, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  config: AppConfig;
  /** Every route the app registered, as `METHOD /path/:param` (HEAD twins of GET left out). */
  routes: string[];
  close(): Promise<void>;
}

/** The real application on a fresh database, listening on an ephemeral port. */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase(kind);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    LOG_LEVEL: 'silent',
    FLOW_RUNTIME: 'off',
    WEB_DIST_DIR: 'off',
    RUN_WORKER: 'false',
    PUBLIC_URL: 'http://app.test',
    ...env,
  });
  const app = await createApp(config);
  const routes: string[] = [];
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD');
    routes.push(...methods.map((m) => `${m} ${route.url}`));
  });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    routes,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
