import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
// js-yaml comes with the lockfile (node-red and eslint use it); it has no type declarations.
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

interface Service {
  image?: string;
  ports?: string[];
  env_file?: string[];
  environment?: Record<string, string>;
  user?: string;
  cap_drop?: string[];
}
const text = read('docker-compose.yml');
const { services } = yaml.load(text) as { services: Record<string, Service> };
const APP = ['api', 'worker'];
/** What each app container reads and writes media with. */
const MEDIA = ['AZURE_STORAGE_CONNECTION_STRING', 'AZURE_STORAGE_CONTAINER'];

/** docker-compose.yml as a coherent stack (`docker compose config` is not on these machines). */
describe('docker-compose.yml', () => {
  it('publishes no database or cache port, and Azurite on loopback only', () => {
    for (const name of ['mssql', 'redis']) expect(services[name].ports, name).toBeUndefined();
    const published = Object.values(services).flatMap((s) => s.ports ?? []);
    for (const port of published) expect(port).not.toMatch(/(^|:)(1433|5432|6379)$/);
    expect(services.azurite.ports).toEqual(['127.0.0.1:10000:10000']);
  });

  it('gives the api and the worker the same media store, an Azurite or Azure Blob one', () => {
    const [api, worker] = APP.map((name) => services[name].environment!);
    for (const key of MEDIA) {
      expect(api[key], key).toBeTruthy();
      expect(worker[key], key).toBe(api[key]);
    }
    expect(api.AZURE_STORAGE_CONNECTION_STRING).toContain('BlobEndpoint=${AZURE_BLOB_ENDPOINT:-http://azurite:10000}/');
    expect(services.azurite.environment!.AZURITE_ACCOUNTS).toContain('${AZURE_STORAGE_KEY:?');
  });

  it('wires Redis into every app process', () => {
    for (const name of APP) expect(services[name].environment!.REDIS_URL, name).toBe('redis://redis:6379');
  });

  it('takes its secrets from .env, with no default password or key in the file', () => {
    for (const name of APP) expect(services[name].env_file, name).toEqual(['.env']);
    // `${X:-default}` would run a stack with a password anyone can read here; `${X:?…}` refuses to start.
    const defaulted = [...text.matchAll(/\$\{(\w*(PASSWORD|SECRET|KEY)\w*):-/g)].map((m) => m[1]);
    expect(defaulted).toEqual([]);
    expect(text).not.toMatch(/Passw0rd|Your_password/i);
    // Azurite's well-known development account key.
    expect(text).not.toContain('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq');
    expect(services.mssql.environment!.MSSQL_SA_PASSWORD).toMatch(/^\$\{MSSQL_SA_PASSWORD:\?/);
  });

  it('ships .env.example with every secret empty, and keeps .env out of git and the image', () => {
    const example = read('.env.example');
    for (const name of ['MSSQL_SA_PASSWORD', 'JWT_SECRET', 'ENCRYPTION_KEY', 'AZURE_STORAGE_KEY']) {
      expect(example, name).toMatch(new RegExp(`^${name}=$`, 'm'));
    }
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(read('.dockerignore').split('\n')).toContain('.env');
  });

  it('runs the flow runtime in the worker only, as its own user', () => {
    expect(services.api.environment!.FLOW_RUNTIME).toBe('off');
    expect(services.worker.environment!.FLOW_RUNTIME).toBeUndefined(); // default: child
    expect(services.worker.environment!.FLOW_RUNTIME_USER).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(services.worker.cap_drop).toEqual(['ALL']);
  });
});
