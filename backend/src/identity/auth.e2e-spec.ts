import { IsNull } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../mail/outbox-dispatcher';
import { newUser, uniqueEmail } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

describe.each(DATABASE_KINDS)('identity over HTTP on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t?.close());

  it('registers a user with an argon2 hash and returns a session', async () => {
    const email = uniqueEmail('reg');
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: `  ${email.toUpperCase()} `, password: 'long enough pw', name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: 'Ada' });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
    const [row] = await t.db.query(
      `SELECT "passwordHash" FROM users WHERE email = $1`.replace('$1', kind === 'sqlite' ? '?' : '$1'),
      [email],
    );
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a duplicate email and a short password, naming the field', async () => {
    const user = await newUser(t);
    const dup = await t.http
      .post('/api/v1/auth/register')
      .send({ email: user.email, password: 'long enough pw', name: 'X' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([{ field: 'email', message: 'is already registered' }]);
    const short = await t.http
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'short', name: 'X' });
    expect(short.status).toBe(400);
    expect(short.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(short.body.errors).toEqual([{ field: 'password', message: 'must be at least 10 characters' }]);
  });

  it('logs in, and answers the same 401 for a wrong password and an unknown email', async () => {
    const user = await newUser(t);
    const ok = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'not the password' });
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('throttles an account after repeated failures, with Retry-After, even for the right password', async () => {
    const user = await newUser(t);
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password!' }).expect(401);
    }
    const blocked = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    // Unknown emails are throttled the same way: the 429 reveals nothing either.
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++)
      await t.http.post('/api/v1/auth/login').send({ email: ghost, password: 'whatever pw' }).expect(401);
    expect((await t.http.post('/api/v1/auth/login').send({ email: ghost, password: 'whatever pw' })).status).toBe(429);
  });

  it('throttles an IP that fails across many accounts', async () => {
    // Per-IP allowance is 4× the per-account one (3 here): 12 failures on 12 different emails.
    const fresh = await startTestApp(kind, { LOGIN_MAX_FAILURES: '3' });
    try {
      for (let i = 0; i < 12; i++) {
        await fresh.http
          .post('/api/v1/auth/login')
          .send({ email: uniqueEmail(`spray${i}`), password: 'guess guess' })
          .expect(401);
      }
      const blocked = await fresh.http
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('next'), password: 'guess guess' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });

  it('rotates refresh tokens, and reuse of an old one after the grace period revokes the whole family', async () => {
    const user = await newUser(t);
    const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    // The old token was rotated a minute ago.
    await t.db
      .getRepository('RefreshToken')
      .update({ id: user.refreshToken.split('.')[0] }, { revokedAt: new Date(Date.now() - 60_000) });
    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(reuse.status).toBe(401);
    // The legitimately rotated token died with its family.
    const after = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(after.status).toBe(401);
  });

  it('keeps the session when a page reloads while its refresh was in flight (the old token again, moments later)', async () => {
    const user = await newUser(t);
    const [first, again] = await Promise.all([
      t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
      t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
    ]);
    expect([first.status, again.status]).toEqual([200, 200]);
    const late = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(late.status).toBe(200);
    expect(new Set([first.body.refreshToken, again.body.refreshToken, late.body.refreshToken]).size).toBe(3);
    for (const next of [first, again, late]) {
      const ok = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: next.body.refreshToken });
      expect(ok.status).toBe(200);
    }
  });

  it('never reissues a token after logout, however soon', async () => {
    const user = await newUser(t);
    const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: first.body.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('logs out by revoking the refresh token', async () => {
    const user = await newUser(t);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('resets a password through the emailed link, once', async () => {
    const user = await newUser(t);
    await t.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    await t.http
      .post('/api/v1/auth/password-reset')
      .send({ email: uniqueEmail('nobody') })
      .expect(202);
    const [mail] = await t.db.getRepository('OutboxEmail').find({ where: { to: user.email } });
    expect(mail.subject).toContain('Reset');
    expect(mail.workspaceId).toBeNull();
    const token = new URL(/https?:\/\/\S+/.exec(mail.text)![0]).searchParams.get('token');
    await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'brand new password' })
      .expect(204);
    await t.http
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, password: 'another new password' })
      .expect(400);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'brand new password' }).expect(200);
    // Existing sessions end with a reset.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    // Without SMTP the worker keeps the email readable in the outbox.
    expect(await t.app.get(OutboxDispatcher).drain()).toBeGreaterThan(0);
    const delivered = await t.db.getRepository('OutboxEmail').findOneByOrFail({ id: mail.id });
    expect(delivered.status).toBe('logged');
  });

  it('changes a password only with the current one', async () => {
    const user = await newUser(t);
    const auth = { Authorization: `Bearer ${user.accessToken}` };
    const bad = await t.http
      .post('/api/v1/auth/change-password')
      .set(auth)
      .send({ currentPassword: 'nope nope nope', newPassword: 'next password 1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'currentPassword', message: 'is wrong' }]);
    await t.http
      .post('/api/v1/auth/change-password')
      .set(auth)
      .send({ currentPassword: user.password, newPassword: 'next password 1' })
      .expect(204);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'next password 1' }).expect(200);
  });

  it('ends every other session when the password changes, and keeps the one that changed it', async () => {
    const user = await newUser(t);
    const other = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    await t.http
      .post('/api/v1/auth/change-password')
      .set({ Authorization: `Bearer ${user.accessToken}` })
      .send({ currentPassword: user.password, newPassword: 'next password 2' })
      .expect(204);
    // The other device (signed in before the change, e.g. by whoever knew the old password) is out.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(401);
    const kept = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(kept.status).toBe(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: kept.body.refreshToken }).expect(200);
    const live = await t.db.getRepository('RefreshToken').findBy({ userId: user.id, revokedAt: IsNull() });
    expect(live).toHaveLength(1);
  });

  it('rejects a missing, forged or expired access token', async () => {
    expect((await t.http.get('/api/v1/me')).status).toBe(401);
    expect((await t.http.get('/api/v1/me').set('Authorization', 'Bearer not.a.jwt')).body.code).toBe('TOKEN_INVALID');
  });
});
