import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtpAgent } from '@atproto/api';
import { PDS, envToCfg, envToSecrets } from '@atproto/pds';
import * as plc from '@did-plc/server';

/** An account made on the test PDS, with an app password as a person would create one. */
export interface PdsAccount {
  did: string;
  handle: string;
  password: string;
  appPassword: string;
}

/**
 * A real Bluesky PDS (`@atproto/pds`, the reference server) on loopback, with a real PLC directory
 * (`@did-plc/server` on its in-memory database) for the accounts' DIDs. Handles end in `.test`.
 * No AppView runs beside it: app.bsky.* reads (getPosts, getProfile, feeds) are not answered here.
 */
export class TestPds {
  private constructor(
    readonly url: string,
    private readonly pds: PDS,
    private readonly plcServer: plc.PlcServer,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<TestPds> {
    const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: await freePort() });
    await plcServer.start();
    const dataDir = await mkdtemp(join(tmpdir(), 'bluesky-pds-'));
    // The PDS writes its own URL into DID documents: its port must be known before it listens.
    const port = await freePort();
    const env = {
      port,
      hostname: 'localhost',
      devMode: true,
      dataDirectory: dataDir,
      blobstoreDiskLocation: join(dataDir, 'blobs'),
      didPlcUrl: `http://127.0.0.1:${(plcServer.server!.address() as { port: number }).port}`,
      serviceHandleDomains: ['.test'],
      jwtSecret: randomBytes(16).toString('hex'),
      adminPassword: randomBytes(16).toString('hex'),
      plcRotationKeyK256PrivateKeyHex: randomBytes(32).toString('hex'),
      inviteRequired: false,
      rateLimitsEnabled: false,
    };
    const pds = await PDS.create(envToCfg(env), envToSecrets(env));
    await pds.start();
    return new TestPds(`http://localhost:${port}`, pds, plcServer, dataDir);
  }

  /** A new account (handle `<name>.test`) and an app password for it. */
  async createAccount(name: string): Promise<PdsAccount> {
    const agent = new AtpAgent({ service: this.url });
    const handle = `${name}.test`;
    const password = randomBytes(12).toString('hex');
    const { data } = await agent.createAccount({ handle, email: `${name}@example.com`, password });
    const appPassword = (await agent.com.atproto.server.createAppPassword({ name: 'SocialOrchestrator' })).data
      .password;
    return { did: data.did, handle, password, appPassword };
  }

  /** An agent signed in as the account, for reading back what was published. */
  async agentFor(account: PdsAccount): Promise<AtpAgent> {
    const agent = new AtpAgent({ service: this.url });
    await agent.login({ identifier: account.handle, password: account.password });
    return agent;
  }

  async close(): Promise<void> {
    await this.pds.destroy();
    await this.plcServer.destroy();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
