import { INestApplication } from '@nestjs/common';
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
  await app.listen(0, '127.0.0.1');
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
