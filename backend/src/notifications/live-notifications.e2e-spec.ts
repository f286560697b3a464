import { firstValueFrom, skip, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, newWorkspace } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { NotificationsService } from './notifications.service';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('live notifications across processes through Redis', () => {
  let worker: TestApp;
  let api: TestApp;

  beforeAll(async () => {
    // A worker and an API process on one database and one Redis, as production runs them.
    worker = await startTestApp('sqlite', { REDIS_URL });
    api = await startTestApp('sqlite', { REDIS_URL, DATABASE_URL: worker.config.databaseUrl });
  });
  afterAll(async () => {
    await api?.app.close();
    await worker?.close();
  });

  it("signals the bell another process holds open when the worker writes a member's notification", async () => {
    const owner = await newUser(worker, 'owner');
    const workspaceId = await newWorkspace(worker, owner, 'Live');
    const bell = api.app.get(NotificationsService);
    // The first signal is the stream's own opening; the second is the worker's notification.
    const signalled = firstValueFrom(bell.live.watch(owner.id, workspaceId).pipe(skip(1), timeout(10_000)));
    await new Promise((r) => setTimeout(r, 200)); // the API process's subscription reaches Redis
    await worker.app
      .get(NotificationsService)
      .notifyUsers(workspaceId, [owner.id], { kind: 'team', title: 'Hello', body: 'From the worker', link: null });
    await expect(signalled).resolves.toBeUndefined();
    const seen = await bell.mine(workspaceId, owner.id);
    expect(seen.items.map((n) => n.title)).toEqual(['Hello']);
  });

  it('does not signal another member', async () => {
    const owner = await newUser(worker, 'owner');
    const other = await newUser(worker, 'other');
    const workspaceId = await newWorkspace(worker, owner, 'Quiet');
    const bell = api.app.get(NotificationsService);
    const signals: number[] = [];
    const watching = bell.live.watch(other.id, workspaceId).subscribe(() => signals.push(Date.now()));
    const ownerSignalled = firstValueFrom(bell.live.watch(owner.id, workspaceId).pipe(skip(1), timeout(10_000)));
    await new Promise((r) => setTimeout(r, 200));
    await worker.app
      .get(NotificationsService)
      .notifyUsers(workspaceId, [owner.id], { kind: 'team', title: 'Only you', body: '', link: null });
    await ownerSignalled;
    watching.unsubscribe();
    expect(signals).toHaveLength(1); // only its own opening
  });
});
