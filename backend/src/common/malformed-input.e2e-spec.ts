import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Each route of the app (`METHOD /path/:param`) with the body (or query) class its handler validates. */
function bodyClasses(t: TestApp, from = RouteParamtypes.BODY): Map<string, Type<unknown>> {
  const found = new Map<string, Type<unknown>>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | undefined;
      if (!controller?.prototype) continue;
      const base = [].concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '')[0] as string;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as Array<
          Type<unknown>
        >;
        const body = Object.entries(args).find(([key, arg]) => key.startsWith(`${from}:`) && !arg.data);
        if (!body) continue;
        const path = [].concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '')[0] as string;
        const url = `/${[base, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
        found.set(`${RequestMethod[method]} ${url}`, types[body[1].index]);
      }
    }
  }
  return found;
}

/** The properties a body class validates (class-validator's own metadata, inherited ones included). */
const fieldsOf = (type: Type<unknown> | undefined): string[] =>
  type && type !== Object
    ? [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(type, '', true, false)
            .map((m) => m.propertyName),
        ),
      ]
    : [];

const DEPTH = 10_000;
/** Bodies no route may answer with a 5xx, whatever it expects. */
const WHOLE_BODIES: Array<[string, string]> = [
  ['10k-deep array', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`],
  ['10k-deep object', `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`],
  ['an array', '[]'],
  ['an array of objects', '[{}]'],
  ['null', 'null'],
  ['a string', '"text"'],
  ['a number', '42'],
  ['a lone surrogate', '"\\ud800"'],
  ['a lone surrogate as a key', '{"\\udc00":1}'],
];
/** Values each field of a route's body class is given in turn, the rest of the body left valid or empty. */
const FIELD_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['an array', []],
  ['an object', {}],
  ['an array of nulls', [null]],
  ['a number beyond 2^53', 2 ** 64],
  ['a lone surrogate', '\ud800x'],
  ['a prototype key', { __proto__: { polluted: true }, constructor: 1 }],
  ['a long string', 'x'.repeat(20_000)],
];

/**
 * Every route of the running app, listed from the router, with each malformed body shape: deep
 * JSON, wrong top-level types, lone surrogates, `null`/`[]`/`{}` in each field its body class
 * names, multipart without a boundary. None may answer 5xx; each answer is problem+json.
 */
describe.each(DATABASE_KINDS)('malformed requests on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    const member = await newUser(t, 'member');
    const workspaceId = await newWorkspace(t, owner, 'Fuzz Inc');
    await addMember(t, owner, workspaceId, member, 'editor');
    const headers = as(owner, workspaceId);
    const post = (path: string, body: object) => t.http.post(`/api/v1${path}`).set(headers).send(body);
    const account = await post('/accounts', { network: 'sandbox', name: 'Demo' });
    const draft = await post('/posts', {
      text: 'plan',
      variants: [{ accountId: account.body.id }],
      schedule: { type: 'single', at: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const automation = await post('/automations', {
      name: 'Flow',
      graph: {
        nodes: [
          { id: 'hook', type: 'webhook-in', position: { x: 0, y: 0 }, config: {} },
          { id: 'draft', type: 'create-draft', position: { x: 1, y: 0 }, config: { text: 'x', accountIds: ['*'] } },
        ],
        edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'draft', port: 'in' } }],
      },
    });
    await t.http.post(`/api/v1/automations/${automation.body.id}/publish`).set(headers).expect(200);
    const hook = await post(`/automations/${automation.body.id}/hooks`, {});
    const media = await t.http
      .post('/api/v1/media')
      .set(headers)
      .attach(
        'file',
        await sharp({ create: { width: 40, height: 40, channels: 3, background: '#888' } })
          .png()
          .toBuffer(),
        'x.png',
      );
    const invite = await post('/invites', { email: 'pending@example.com', role: 'viewer' });
    const role = await post('/roles', { name: 'Custom', permissions: ['posts:read'] });
    const key = await post('/api-keys', { name: 'k', scopes: ['workspace:read'] });
    const approval = await post('/approvals', { postId: draft.body.id });
    ids = {
      workspaces: workspaceId,
      members: member.id,
      invites: invite.body.id,
      'api-keys': key.body.id,
      roles: role.body.id,
      accounts: account.body.id,
      posts: draft.body.id,
      media: media.body.id,
      automations: automation.body.id,
      hooks: hook.body.hookId,
      approvals: approval.body.id,
      versions: '1',
    };
  }, 60_000);
  afterAll(() => t?.close());

  /** A route's path with real ids of the workspace filled in (by the segment before each parameter). */
  const pathOf = (route: string) =>
    route
      .split(' ')[1]
      .replace(
        /\/([^/]+)\/:(\w+)/g,
        (_, segment: string, param: string) => `/${segment}/${ids[segment] ?? `x-${param}`}`,
      )
      .replace(/\*$/, 'x');

  /** Routes that take a body; DELETE routes last, so the resources they remove serve the others first. */
  const bodyRoutes = () =>
    t.routes
      .filter((r) => /^(POST|PUT|PATCH|DELETE) /.test(r))
      .sort((a, b) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')) || a.localeCompare(b));

  const send = (route: string, body: string, contentType = 'application/json') => {
    const method = route.split(' ')[0].toLowerCase() as Method;
    return t.http[method](pathOf(route)).set(as(owner, ids.workspaces)).set('content-type', contentType).send(body);
  };

  const failures: string[] = [];
  const check = (route: string, shape: string, res: { status: number; headers: Record<string, string> }) => {
    if (res.status >= 500 || (res.status >= 400 && !/problem\+json/.test(res.headers['content-type'] ?? ''))) {
      failures.push(`${route} with ${shape}: ${res.status}`);
    }
  };

  it('lists the routes from the router and finds their body classes', () => {
    const classes = bodyClasses(t);
    expect(bodyRoutes().length).toBeGreaterThan(40);
    expect(classes.size).toBeGreaterThan(20);
    expect(fieldsOf(classes.get('POST /api/v1/posts'))).toEqual(expect.arrayContaining(['text', 'schedule']));
  });

  it('names the field in what the issue found answering 500', async () => {
    const expectNamed = async (route: string, body: string, field: string, contentType?: string) => {
      const res = await send(route, body, contentType);
      expect(res.status, `${route} ${body.slice(0, 40)}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await expectNamed('POST /api/v1/posts', WHOLE_BODIES[0][1], 'body');
    await expectNamed('POST /api/v1/posts', WHOLE_BODIES[1][1], 'body');
    await expectNamed('PATCH /api/v1/workspaces/:id', '{"name":null}', 'name');
    await expectNamed('PATCH /api/v1/accounts/:id', '{"name":null}', 'name');
    await expectNamed('PATCH /api/v1/automations/:id', '{"graph":{}}', 'graph');
    await expectNamed('PATCH /api/v1/posts/:id', '{"schedule":[]}', 'schedule');
    await expectNamed('POST /api/v1/posts/:id/reschedule', '{"schedule":[]}', 'schedule');
    await expectNamed('POST /api/v1/auth/register', '{"email":"a\\ud800@example.com","password":"x"}', 'email');
    await expectNamed('POST /api/v1/posts', '{"variants":[{"accountId":"\\udc00"}]}', 'variants[0].accountId');
    await expectNamed('POST /api/v1/media', 'x', 'file', 'multipart/form-data');
    // What was refused was not stored: the workspace and the automation read as before.
    const workspace = await t.http.get(`/api/v1/workspaces/${ids.workspaces}`).set(as(owner, ids.workspaces));
    expect(workspace.body.name).toBe('Fuzz Inc');
    await t.http.get(`/api/v1/automations/${ids.automations}`).set(as(owner, ids.workspaces)).expect(200);
  });

  it('answers every malformed whole body with a 4xx problem', async () => {
    failures.length = 0;
    for (const route of bodyRoutes().filter((r) => !r.startsWith('DELETE'))) {
      for (const [shape, body] of WHOLE_BODIES) check(route, shape, await send(route, body));
      check(route, 'multipart without a boundary', await send(route, 'x', 'multipart/form-data'));
      check(route, 'multipart with a broken boundary', await send(route, 'x', 'multipart/form-data; boundary=zz'));
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers every malformed query string with a 4xx problem', async () => {
    failures.length = 0;
    const queries = bodyClasses(t, RouteParamtypes.QUERY);
    // The notification stream stays open by design: it has no query to get wrong.
    const gets = t.routes.filter((r) => r.startsWith('GET /api/') && !r.endsWith('/stream'));
    expect(queries.size).toBeGreaterThan(3);
    for (const route of gets) {
      const fields = [...fieldsOf(queries.get(route)), 'unknown'];
      for (const field of fields) {
        for (const [shape, query] of [
          ['repeated', `${field}=1&${field}=2`],
          ['a lone surrogate', `${field}=%ED%A0%80`],
          ['a broken escape', `${field}=%E0%A4%A`],
          ['a bare percent', `${field}=%`],
          ['a huge number', `${field}=1e400`],
          ['a bracketed key', `${field}[a]=1&${field}[]=2`],
          ['a prototype key', `__proto__[${field}]=1&constructor=1`],
        ]) {
          const res = await t.http.get(`${pathOf(route)}?${query}`).set(as(owner, ids.workspaces));
          check(route, `query ${shape} ${field}`, res);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers a malformed value in any field of any body with a 4xx problem naming it', async () => {
    failures.length = 0;
    const classes = bodyClasses(t);
    for (const route of bodyRoutes()) {
      for (const field of fieldsOf(classes.get(route))) {
        for (const [shape, value] of FIELD_VALUES) {
          const res = await send(route, JSON.stringify({ [field]: value }));
          check(route, `${field}: ${shape}`, res);
          // Text that is never valid is refused naming this field (other fields may be named beside it).
          const named = ((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
          if (
            shape === 'a lone surrogate' &&
            res.status === 400 &&
            !named.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))
          )
            failures.push(`${route} with ${field}: ${shape} named ${named.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
