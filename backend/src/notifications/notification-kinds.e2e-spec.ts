import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialAccount } from '../accounts/social-account.entity';
import { POST_LIFECYCLE, type PostLifecycleEvent } from '../common/domain-events';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { NotificationDigest } from './notification-digest';
import { NotificationReceipt } from './notification-receipt.entity';
import type { NotificationView } from './notifications.service';

const soon = () => new Date(Date.now() + 1500).toISOString();
const later = (ms: number) => new Date(Date.now() + ms);

describe.each(DATABASE_KINDS)('notifications of each kind on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let publisher: Publisher;
  let tick: SchedulerTick;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Told Inc');
    await addMember(t, owner, workspaceId, editor, 'editor');
    publisher = t.app.get(Publisher);
    // One attempt: a refused post fails at once instead of after backed-off retries.
    publisher.retryPolicy = { maxAttempts: 1, baseMs: 1000, maxMs: 1000 };
    tick = new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 500 });
  });
  afterAll(() => t?.close());

  const bell = async (user: TestUser): Promise<{ items: NotificationView[]; unread: number }> =>
    (await t.http.get('/api/v1/notifications').set(as(user, workspaceId)).expect(200)).body;
  const mailTo = (user: TestUser) => t.db.getRepository(OutboxEmail).findBy({ to: user.email });
  const setPreference = (user: TestUser, kind: string, channel: string) =>
    t.http
      .put('/api/v1/me/notification-preferences')
      .set(as(user))
      .send({ items: [{ kind, channel }] })
      .expect(200);
  const clear = async (user: TestUser) =>
    t.http.post('/api/v1/notifications/read').set(as(user, workspaceId)).expect(204);
  const failingAccount = async (name: string) => {
    const id = (
      await t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'sandbox', name }).expect(201)
    ).body.id as string;
    await t.http
      .patch(`/api/v1/accounts/${id}`)
      .set(as(owner, workspaceId))
      .send({ settings: { failStatus: 500, failCount: 100 } })
      .expect(200);
    return id;
  };
  /** The editor schedules posts to the account; the sandbox refuses each one. */
  const failPosts = async (accountId: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const post = await t.http
        .post('/api/v1/posts')
        .set(as(editor, workspaceId))
        .send({ text: `doomed ${i} ${accountId}`, variants: [{ accountId }], schedule: { type: 'single', at: soon() } })
        .expect(201);
      ids.push(post.body.id);
    }
    await tick.run();
    for (const job of await publisher.claim(100, later(60_000))) await publisher.attempt(job);
    return ids;
  };

  describe('preferences', () => {
    it('lists every kind with its default, and keeps what the member chose', async () => {
      const before = await t.http.get('/api/v1/me/notification-preferences').set(as(owner)).expect(200);
      expect(before.body.items.find((p: { kind: string }) => p.kind === 'post_failed')).toMatchObject({
        channel: 'email',
        defaultChannel: 'email',
        label: 'A post of mine failed',
      });
      expect(before.body.items).toHaveLength(12);
      const after = await t.http
        .put('/api/v1/me/notification-preferences')
        .set(as(owner))
        .send({
          items: [
            { kind: 'quota_near', channel: 'off' },
            { kind: 'quota_near', channel: 'digest' },
          ],
        })
        .expect(200);
      expect(after.body.items.find((p: { kind: string }) => p.kind === 'quota_near').channel).toBe('digest');
      const again = await t.http.get('/api/v1/me/notification-preferences').set(as(owner)).expect(200);
      expect(again.body.items.find((p: { kind: string }) => p.kind === 'quota_near').channel).toBe('digest');
      // One person's choice is theirs alone.
      const theirs = await t.http.get('/api/v1/me/notification-preferences').set(as(editor)).expect(200);
      expect(theirs.body.items.find((p: { kind: string }) => p.kind === 'quota_near').channel).toBe('in_app');
    });

    it('refuses an unknown kind or channel naming the field', async () => {
      const badChannel = await t.http
        .put('/api/v1/me/notification-preferences')
        .set(as(owner))
        .send({ items: [{ kind: 'post_failed', channel: 'pigeon' }] })
        .expect(400);
      expect(badChannel.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(badChannel.body)).toContain('items.0.channel');
      const badKind = await t.http
        .put('/api/v1/me/notification-preferences')
        .set(as(owner))
        .send({ items: [{ kind: 'gossip', channel: 'email' }] })
        .expect(400);
      expect(JSON.stringify(badKind.body)).toContain('items.0.kind');
      const notArray = await t.http
        .put('/api/v1/me/notification-preferences')
        .set(as(owner))
        .send({ items: 'email' })
        .expect(400);
      expect(JSON.stringify(notArray.body)).toContain('items');
      await t.http.get('/api/v1/me/notification-preferences').expect(401);
    });
  });

  describe('a post failed', () => {
    it('tells its author in the bell with the reason and a Retry, and by email; not the owner', async () => {
      await clear(editor);
      const accountId = await failingAccount('Down');
      const [postId] = await failPosts(accountId, 1);
      const mine = await bell(editor);
      const note = mine.items[0];
      expect(note).toMatchObject({
        kind: 'post_failed',
        count: 1,
        title: 'A post to Down was not published',
        link: `/w/${workspaceId}/posts/${postId}`,
        action: { kind: 'retry', postId },
        read: false,
      });
      expect(note.body).toContain('could not be published to Down');
      expect(note.body).toMatch(/network said|slow down|reconnect/i);
      expect((await mailTo(editor)).some((m) => m.subject === 'A post to Down was not published')).toBe(true);
      expect((await bell(owner)).items.some((n) => n.kind === 'post_failed')).toBe(false);

      // Retry from the notification: the post is scheduled again.
      const retried = await t.http
        .post(`/api/v1/posts/${postId}/reschedule`)
        .set(as(editor, workspaceId))
        .send({ schedule: { type: 'single', at: new Date(Date.now() + 86_400_000).toISOString() } })
        .expect(200);
      expect(retried.body.state).toBe('scheduled');
    });

    it('groups ten failures of a day into one "10 posts failed" entry, emailing once', async () => {
      await clear(editor);
      const mailBefore = (await mailTo(editor)).length;
      const accountId = await failingAccount('Flaky');
      await failPosts(accountId, 10);
      const mine = await bell(editor);
      const failed = mine.items.filter((n) => n.kind === 'post_failed' && !n.read);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ count: 10, title: '10 posts failed', link: `/w/${workspaceId}/board` });
      expect(failed[0].action).toBeNull();
      expect(mine.unread).toBe(1);
      expect((await mailTo(editor)).length - mailBefore).toBe(1);

      // Once read, the next failure starts a new entry.
      await t.http.post(`/api/v1/notifications/${failed[0].id}/read`).set(as(editor, workspaceId)).expect(204);
      await failPosts(accountId, 1);
      const next = (await bell(editor)).items.filter((n) => n.kind === 'post_failed' && !n.read);
      expect(next).toHaveLength(1);
      expect(next[0].count).toBe(1);
    });

    it('tells an event delivered twice once', async () => {
      await clear(editor);
      const accountId = await failingAccount('Twice');
      const [postId] = await failPosts(accountId, 1);
      const before = (await bell(editor)).items.find((n) => !n.read)!;
      const event: PostLifecycleEvent = {
        event: 'failed',
        workspaceId,
        postId,
        variantId: null,
        accountId,
        reason: 'again',
        key: 'same-attempt',
      };
      await t.app.get(EventEmitter2).emitAsync(POST_LIFECYCLE, event);
      await t.app.get(EventEmitter2).emitAsync(POST_LIFECYCLE, event);
      const after = (await bell(editor)).items.find((n) => n.id === before.id)!;
      expect(after.count).toBe(2);
      // A month on, the receipt is forgotten (redelivery comes within minutes, not weeks).
      const digest = t.app.get(NotificationDigest);
      expect(await digest.forgetOldReceipts(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThan(0);
      expect(await t.db.getRepository(NotificationReceipt).countBy({ key: 'post.failed:same-attempt' })).toBe(0);
    });

    it('respects off and digest: nothing at all, or the bell and one digest email', async () => {
      await clear(editor);
      const accountId = await failingAccount('Quiet');
      await setPreference(editor, 'post_failed', 'off');
      const mailBefore = (await mailTo(editor)).length;
      await failPosts(accountId, 2);
      expect((await bell(editor)).unread).toBe(0);
      expect((await mailTo(editor)).length).toBe(mailBefore);

      await setPreference(editor, 'post_failed', 'digest');
      await failPosts(accountId, 3);
      expect((await bell(editor)).items.filter((n) => !n.read)[0]).toMatchObject({ count: 3 });
      expect((await mailTo(editor)).length).toBe(mailBefore);
      expect(await t.app.get(NotificationDigest).sendDigests()).toBeGreaterThanOrEqual(1);
      const digests = (await mailTo(editor)).filter((m) => m.subject.startsWith('Your daily digest'));
      expect(digests).toHaveLength(1);
      expect(digests[0].text).toContain('3 posts failed');
      // Sent once: the next run has nothing for them.
      await t.app.get(NotificationDigest).sendDigests();
      expect((await mailTo(editor)).filter((m) => m.subject.startsWith('Your daily digest'))).toHaveLength(1);
      await setPreference(editor, 'post_failed', 'email');
    });
  });

  describe('approvals', () => {
    it('tells those who may approve that a post waits (not the one asking), then tells the author the decision with the note', async () => {
      await clear(owner);
      await clear(editor);
      const account = (
        await t.http
          .post('/api/v1/accounts')
          .set(as(owner, workspaceId))
          .send({ network: 'sandbox', name: 'Calm' })
          .expect(201)
      ).body.id;
      const post = await t.http
        .post('/api/v1/posts')
        .set(as(editor, workspaceId))
        .send({ text: 'please approve me', variants: [{ accountId: account }] })
        .expect(201);
      const approval = await t.http
        .post('/api/v1/approvals')
        .set(as(editor, workspaceId))
        .send({ postId: post.body.id })
        .expect(201);
      const ownerBell = await bell(owner);
      expect(ownerBell.items[0]).toMatchObject({
        kind: 'approval_waiting',
        title: 'A post is waiting for your approval',
        link: `/w/${workspaceId}/approvals`,
      });
      expect(ownerBell.items[0].body).toContain('please approve me');
      expect((await bell(editor)).items.some((n) => n.kind === 'approval_waiting' && !n.read)).toBe(false);
      // The nav badge counts what waits for the caller: the owner's, not the editor's own request.
      const ownerBadges = await t.http.get('/api/v1/nav-badges').set(as(owner, workspaceId)).expect(200);
      expect(ownerBadges.body.approvals).toBe(1);
      const editorBadges = await t.http.get('/api/v1/nav-badges').set(as(editor, workspaceId)).expect(200);
      expect(editorBadges.body.approvals).toBe(0);

      await t.http
        .post(`/api/v1/approvals/${approval.body.id}/decline`)
        .set(as(owner, workspaceId))
        .send({ reason: 'Needs a picture' })
        .expect(200);
      const declined = (await bell(editor)).items[0];
      expect(declined).toMatchObject({ kind: 'post_declined', title: 'Your post was declined' });
      expect(declined.body).toContain('Needs a picture');
      expect(declined.link).toBe(`/w/${workspaceId}/posts/${post.body.id}`);
      expect((await mailTo(editor)).some((m) => m.subject === 'Your post was declined')).toBe(true);

      const again = await t.http
        .post('/api/v1/approvals')
        .set(as(editor, workspaceId))
        .send({ postId: post.body.id })
        .expect(201);
      await t.http.post(`/api/v1/approvals/${again.body.id}/approve`).set(as(owner, workspaceId)).send({}).expect(200);
      expect((await bell(editor)).items[0]).toMatchObject({ kind: 'post_approved', title: 'Your post was approved' });
    });
  });

  describe('accounts', () => {
    it('tells owners and admins once about an account to reconnect and one whose access ends within 7 days', async () => {
      await clear(owner);
      const accounts = t.db.getRepository(SocialAccount);
      const make = async (name: string) =>
        (
          await t.http
            .post('/api/v1/accounts')
            .set(as(owner, workspaceId))
            .send({ network: 'sandbox', name })
            .expect(201)
        ).body.id as string;
      const broken = await make('Broken');
      const expiring = await make('Expiring');
      const fine = await make('Fine');
      const before = (await t.http.get('/api/v1/nav-badges').set(as(owner, workspaceId)).expect(200)).body.accounts;
      await accounts.update(broken, { status: 'reauth_required', lastError: 'token revoked' });
      await accounts.update(expiring, { tokenExpiresAt: new Date(Date.now() + 3 * 86_400_000) });
      await accounts.update(fine, { tokenExpiresAt: new Date(Date.now() + 30 * 86_400_000) });
      const badges = await t.http.get('/api/v1/nav-badges').set(as(owner, workspaceId)).expect(200);
      expect(badges.body.accounts - before).toBe(2);
      const digest = t.app.get(NotificationDigest);
      await digest.accountsNeedingAttention();
      await digest.accountsNeedingAttention();
      const mine = (await bell(owner)).items.filter((n) => n.kind === 'account_attention' && !n.read);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        count: 2,
        title: '2 accounts need attention',
        link: `/w/${workspaceId}/accounts`,
      });
      const mail = (await mailTo(owner)).map((m) => m.subject);
      expect(mail).toContain('Broken needs reconnecting');
      expect(mail.filter((s) => s.includes('Fine'))).toEqual([]);
    });
  });
  describe('network quotas', () => {
    it('tells owners and admins once a day when an account published 80 % of its network quota', async () => {
      await clear(owner);
      const accountId = (
        await t.http
          .post('/api/v1/accounts')
          .set(as(owner, workspaceId))
          .send({ network: 'sandbox', name: 'Busy' })
          .expect(201)
      ).body.id as string;
      const digest = t.app.get(NotificationDigest);
      // The Sandbox allows 25 a day: 19 published is not near yet, the 20th is.
      for (let i = 0; i < 20; i++) {
        await t.http
          .post('/api/v1/posts')
          .set(as(owner, workspaceId))
          .send({ text: `busy ${i}`, variants: [{ accountId }], schedule: { type: 'single', at: soon() } })
          .expect(201);
        if (i === 18) {
          await tick.run();
          for (const job of await publisher.claim(100, later(60_000))) await publisher.attempt(job);
          await digest.quotasNearlyReached();
          expect((await bell(owner)).items.some((n) => n.kind === 'quota_near')).toBe(false);
        }
      }
      await tick.run();
      for (const job of await publisher.claim(100, later(60_000))) await publisher.attempt(job);
      await digest.quotasNearlyReached();
      await digest.quotasNearlyReached();
      const near = (await bell(owner)).items.filter((n) => n.kind === 'quota_near');
      expect(near).toHaveLength(1);
      expect(near[0]).toMatchObject({ count: 1, title: 'Busy is near its posting limit' });
      expect(near[0].body).toContain('published 20 of the 25 posts');
    });
  });
});
