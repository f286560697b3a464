import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace } from '../testing/factories';
import { NotificationsService } from './notifications.service';
import { startTestApp } from '../testing/test-app';

describe('live notifications', () => {
  it('ends open bell streams when the server shuts down, so shutting down does not wait on them', async () => {
    const t = await startTestApp('sqlite');
    const owner = await newUser(t, 'owner');
    const workspaceId = await newWorkspace(t, owner, 'Bells');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const stream = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
      headers: as(owner, workspaceId),
    });
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"unread":0');

    // Without ending the stream first, closing the server waits for the client to hang up.
    await t.close();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(ended).toBe(true);
  });

  it('tells open bells the new count when notifications are read elsewhere (another tab)', async () => {
    const t = await startTestApp('sqlite');
    try {
      const owner = await newUser(t, 'owner');
      const workspaceId = await newWorkspace(t, owner, 'Tabs');
      await t.app.get(NotificationsService).notify(workspaceId, {
        roles: ['owner'],
        title: 'Hello',
        body: 'x',
        link: null,
        email: false,
      });
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const stream = await fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
        headers: as(owner, workspaceId),
      });
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('"unread":1');
      await t.http.post('/api/v1/notifications/read').set(as(owner, workspaceId)).expect(204);
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('"unread":0');
      await reader.cancel();
    } finally {
      await t.close();
    }
  });

  it('pages the bell newest first: every notification is reachable, none repeated', async () => {
    const t = await startTestApp('sqlite');
    try {
      const owner = await newUser(t, 'owner');
      const workspaceId = await newWorkspace(t, owner, 'Many');
      const notifications = t.app.get(NotificationsService);
      // Team news is not grouped: 60 entries.
      for (let i = 0; i < 60; i++) {
        await notifications.notifyUsers(workspaceId, [owner.id], { title: `News ${i}`, body: '', link: null });
      }
      const first = await t.http.get('/api/v1/notifications?limit=50').set(as(owner, workspaceId)).expect(200);
      expect(first.body.items).toHaveLength(50);
      expect(first.body.unread).toBeGreaterThan(0);
      const second = await t.http
        .get(`/api/v1/notifications?limit=50&cursor=${first.body.nextCursor}`)
        .set(as(owner, workspaceId))
        .expect(200);
      expect(second.body.nextCursor).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((n: { id: string }) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      const total = await t.http.get('/api/v1/notifications?limit=100').set(as(owner, workspaceId)).expect(200);
      expect(ids).toEqual(total.body.items.map((n: { id: string }) => n.id));
      await t.http.get('/api/v1/notifications?limit=0').set(as(owner, workspaceId)).expect(400);
    } finally {
      await t.close();
    }
  });
});
