import 'reflect-metadata';
import { OutboxDispatcher } from './mail/outbox-dispatcher';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { PublishingEngine } from './publishing/publishing-engine';
import { BackgroundJobs } from './jobs/background-jobs';
import { AutomationEngine } from './automations/automation-engine';

/** The API process. On embedded defaults it also runs the worker loop and the flow runtime. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  if (config.runWorker) {
    app.get(OutboxDispatcher).start();
    app.get(PublishingEngine).start();
    await app.get(BackgroundJobs).start();
  }
  await app.get(AutomationEngine).start();
  console.log(`SocialOrchestrator is running at ${config.publicUrl}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
