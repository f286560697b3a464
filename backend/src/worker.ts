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
 * The worker process for production deployments (the API runs with RUN_WORKER=false). With
 * INTERNAL_API_URL set it also hosts the flow runtime, whose rule nodes call the API there.
 */
async function main(): Promise<void> {
  const loaded = loadConfig();
  const hostsRuntime = loaded.internalApiUrl !== null && loaded.flowRuntime === 'child';
  const config = { ...loaded, webDistDir: null, flowRuntime: hostsRuntime ? ('child' as const) : ('off' as const) };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, 'worker'), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await waitForSchema(app.get(DataSource));
  app.get(OutboxDispatcher).start();
  app.get(PublishingEngine).start();
  await app.get(BackgroundJobs).start();
  if (hostsRuntime) await app.get(AutomationEngine).start(config.internalApiUrl!);
  app.get(Logger).log(`worker started${hostsRuntime ? ' with the flow runtime' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
