import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialAccount } from '../accounts/social-account.entity';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { PublishingEngine } from '../publishing/publishing-engine';
import { apiAs, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface NetworkRules {
  network: string;
  postTypes: { type: string; poll: { options: { min: number; max: number } } | null; title: unknown }[];
  firstComment: { maxLength: number } | null;
}

/**
 * Post types and their options over HTTP: the networks' rules as the composer reads them, each
 * network's own types and poll rules enforced with errors that name the option, and "publish now".
 */
describe.each(DATABASE_KINDS)('post types and options over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let sandbox: string;
  let x: string;
  let instagram: string;
  const api = () => apiAs(t, owner, workspaceId);

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Options Inc');
    const connect = async (name: string) => (await api().post('/accounts', { network: 'sandbox', name })).body.id;
    sandbox = await connect('Demo');
    // Real networks connect through OAuth; their rules are what matters here.
    x = await connect('On X');
    instagram = await connect('On Instagram');
    await t.db.getRepository(SocialAccount).update({ id: x }, { network: 'x' });
    await t.db.getRepository(SocialAccount).update({ id: instagram }, { network: 'instagram' });
  });
  afterAll(() => t?.close());

  it("lists each network's post types with their poll, title and first-comment rules", async () => {
    const res = await api().get('/networks').expect(200);
    const rules = (network: string) => (res.body.items as NetworkRules[]).find((n) => n.network === network)!;
    expect(rules('instagram').postTypes.map((p) => p.type)).toEqual(['photo', 'carousel', 'reel', 'story']);
    expect(rules('x').postTypes.find((p) => p.type === 'poll')).toMatchObject({
      poll: { options: { min: 2, max: 4 }, maxOptionLength: 25, durationChoices: [60, 1440, 4320, 10080] },
      title: null,
    });
    expect(rules('linkedin').postTypes.find((p) => p.type === 'poll')).toMatchObject({
      poll: { onlyChoices: true },
      title: { label: 'Poll question', required: true },
    });
    expect(rules('sandbox').firstComment).toEqual({ maxLength: 500 });
    expect(rules('x').firstComment).toBeNull();
  });

  it('refuses a post type the network does not take, naming the variant and field', async () => {
    const res = await api().post('/posts', {
      text: 'Thoughts?',
      variants: [{ accountId: instagram, postType: 'poll', options: { pollOptions: ['A', 'B'] } }],
      schedule: { type: 'now' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        field: 'variants[0].postType',
        message: expect.stringContaining('Instagram does not support poll posts (it supports photo, carousel'),
      },
    ]);
  });

  it("checks a poll against each network's rules: choices one by one and its length", async () => {
    const res = await api().post('/posts', {
      text: 'Tabs or spaces?',
      variants: [
        { accountId: x, postType: 'poll', options: { pollOptions: ['Tabs', ''], pollDurationMinutes: 2 } },
        { accountId: sandbox, postType: 'poll', options: { pollOptions: ['Tabs'] } },
      ],
      schedule: { type: 'now' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'variants[0].options.pollOptions[1]',
      'variants[0].options.pollDurationMinutes',
      'variants[1].options.pollOptions',
      'variants[1].options.pollDurationMinutes',
    ]);
    expect(res.body.errors[1].message).toBe('On X (X): must be between 5 minutes and 7 days');
  });

  it('refuses an option of the wrong shape even on a draft', async () => {
    const res = await api().post('/posts', {
      text: 'Draft',
      variants: [{ accountId: sandbox, postType: 'poll', options: { pollOptions: 'Yes or no' } }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'variants[0].options.pollOptions', message: 'must be a list of texts' }]);
  });

  it('publishes a poll now: due at once by the server clock, out on the Sandbox with its options', async () => {
    const before = Date.now();
    const options = { pollOptions: ['Tabs', 'Spaces'], pollDurationMinutes: 1440, firstComment: 'Vote below' };
    const res = await api()
      .post('/posts', {
        text: 'Tabs or spaces?',
        variants: [{ accountId: sandbox, postType: 'poll', options }],
        schedule: { type: 'now' },
      })
      .expect(201);
    expect(res.body.state).toBe('scheduled');
    expect(res.body.schedule).toMatchObject({ type: 'single' });
    const due = new Date(res.body.variants[0].scheduledAt).getTime();
    expect(due).toBeGreaterThanOrEqual(before - 1000);
    expect(due).toBeLessThanOrEqual(Date.now());

    const account = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: sandbox });
    const engine = t.app.get(PublishingEngine);
    engine.start();
    try {
      await expect
        .poll(() => t.db.getRepository(SandboxPost).findOneBy({ accountExternalId: account.externalAccountId }), {
          timeout: 15_000,
        })
        .toMatchObject({ postType: 'poll', text: 'Tabs or spaces?', options });
    } finally {
      await engine.stop();
    }
  });

  it('says a past time is in the past, and how to go on', async () => {
    const res = await api().post('/posts', {
      text: 'Late',
      variants: [{ accountId: sandbox }],
      schedule: { type: 'single', at: new Date(Date.now() - 3_600_000).toISOString() },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'schedule.at', message: 'is in the past: choose a later time, or publish now' },
    ]);
  });
});
