// One worker process for two-workers.e2e-spec.ts: the COMPILED backend (dist/, CommonJS, which
// require()s the ESM-only agenda) running Agenda on a shared database. Each run of a `count` job
// appends "<n> <worker>" to this worker's runs file. Usage: node agenda-worker.fixture.mjs
// <DATABASE_URL> <runs file> <worker name>
import { appendFileSync } from 'node:fs';
import typeorm from 'typeorm';
import dataSourceOptionsModule from '../../dist/database/data-source-options.js';
import jobsModule from '../../dist/jobs/jobs.module.js';

const [databaseUrl, runsFile, workerName] = process.argv.slice(2);
const dataSource = await new typeorm.DataSource(dataSourceOptionsModule.dataSourceOptions(databaseUrl)).initialize();
const agenda = jobsModule.createAgenda(dataSource, {
  name: workerName,
  processEvery: 100,
  defaultConcurrency: 4,
  defaultLockLimit: 8,
});

agenda.define('count', async (job) => {
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
  appendFileSync(runsFile, `${job.attrs.data.n} ${workerName}\n`);
});

process.on('SIGTERM', async () => {
  await agenda.stop();
  await dataSource.destroy();
  process.exit(0);
});

await agenda.start();
process.stdout.write('ready\n');
