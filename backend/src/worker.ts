import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { waitForSchema } from './database/wait-for-schema';
import { OutboxDispatcher } from './mail/outbox-dispatcher';
import { PublishingEngine } from './publishing/publishing-engine';
import { AutomationEngine } from './automations/automation-engine';
import { BackgroundJobs } from './jobs/background-jobs';

/**
 * The worker process for production deployments (the API runs with RUN_WORKER=false). It hosts
 * the flow runtime too, unless FLOW_RUNTIME=off (then the API, or another worker, hosts it).
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), webDistDir: null };
  const hostsRuntime = config.flowRuntime === 'child';
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, 'worker'), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await waitForSchema(app.get(DataSource));
  app.get(OutboxDispatcher).start();
  app.get(PublishingEngine).start();
  await app.get(BackgroundJobs).start();
  await app.get(AutomationEngine).start();
  app.get(Logger).log(`worker started${hostsRuntime ? ' with the flow runtime' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
