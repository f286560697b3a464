import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { waitForSchema } from './database/wait-for-schema';
import { OutboxDispatcher } from './mail/outbox-dispatcher';
import { PublishingEngine } from './publishing/publishing-engine';
import { BackgroundJobs } from './jobs/background-jobs';

/** The worker process for production deployments (the API runs with RUN_WORKER=false). */
async function main(): Promise<void> {
  const config = { ...loadConfig(), webDistDir: null, flowRuntime: 'off' as const };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, 'worker'), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await waitForSchema(app.get(DataSource));
  app.get(OutboxDispatcher).start();
  app.get(PublishingEngine).start();
  await app.get(BackgroundJobs).start();
  app.get(Logger).log('worker started');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
