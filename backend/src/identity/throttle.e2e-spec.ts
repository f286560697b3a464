import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, uniqueEmail } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

/** The app trusts X-Forwarded-For from loopback (a proxy on the same host), so each test picks its address. */
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe.each(DATABASE_KINDS)('sign-in, sign-up and reset throttles on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      // One failure per (account, IP), four per IP, four per account: few slow argon2 checks.
      LOGIN_MAX_FAILURES: '1',
      LOGIN_ACCOUNT_BRAKE_FAILURES: '4',
      REGISTRATIONS_PER_IP_PER_HOUR: '6',
      PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '2',
    });
  });
  afterAll(() => t?.close());

  const login = (email: string, password: string, ip: string) =>
    t.http.post('/api/v1/auth/login').set(from(ip)).send({ email, password });

  it("a stranger's bad guesses lock only the stranger's address out of the account, never its owner", async () => {
    const owner = await newUser(t, 'target');
    expect((await login(owner.email, 'wrong guess!!', '203.0.113.7')).status).toBe(401);
    const locked = await login(owner.email, owner.password, '203.0.113.7');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // From the owner's own address the account is open, and so is its password reset.
    expect((await login(owner.email, owner.password, '198.51.100.20')).status).toBe(200);
    await t.http
      .post('/api/v1/auth/password-reset')
      .set(from('198.51.100.20'))
      .send({ email: owner.email })
      .expect(202);
  });

  it('guesses from many addresses slow the account down but never lock it', async () => {
    const owner = await newUser(t, 'botnet-target');
    // LOGIN_ACCOUNT_BRAKE_FAILURES failures, each from another address.
    for (let i = 0; i < 4; i++) await login(owner.email, 'wrong guess!!', `192.0.2.${i + 1}`);
    // Braked: one attempt per few seconds for the account, from anywhere …
    const first = await login(owner.email, owner.password, '198.51.100.30');
    const second = await login(owner.email, owner.password, '198.51.100.31');
    expect([first.status, second.status]).toEqual([200, 429]);
    expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(5);
    // … and after that short wait, the owner gets in again: never locked for the window.
    await new Promise((resolve) => setTimeout(resolve, Number(second.headers['retry-after']) * 1000));
    expect((await login(owner.email, owner.password, '198.51.100.31')).status).toBe(200);
  }, 60_000);

  it('limits sign-ups per address', { timeout: 60_000 }, async () => {
    const ip = '203.0.113.80';
    const register = () =>
      t.http
        .post('/api/v1/auth/register')
        .set(from(ip))
        .send({ email: uniqueEmail('bulk'), password: 'long enough pw', name: 'Bulk' });
    for (let i = 0; i < 6; i++) expect((await register()).status).toBe(201);
    const refused = await register();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(
      (
        await t.http
          .post('/api/v1/auth/register')
          .set(from('198.51.100.80'))
          .send({ email: uniqueEmail('other'), password: 'long enough pw', name: 'Other' })
      ).status,
    ).toBe(201);
  });

  it('limits password-reset requests per email, known or not, and per address', async () => {
    const user = await newUser(t, 'reset');
    const reset = (email: string, ip: string) =>
      t.http.post('/api/v1/auth/password-reset').set(from(ip)).send({ email });
    for (const email of [user.email, uniqueEmail('unknown')]) {
      expect((await reset(email, '198.51.100.90')).status).toBe(202);
      expect((await reset(email, '198.51.100.91')).status).toBe(202);
      const refused = await reset(email, '198.51.100.92');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    const mails = await t.db.getRepository('OutboxEmail').countBy({ to: user.email });
    expect(mails).toBe(2);
    // 6 × the per-email budget per address, across emails.
    const ip = '203.0.113.95';
    const statuses = [];
    for (let i = 0; i < 13; i++) statuses.push((await reset(uniqueEmail('flood'), ip)).status);
    expect(statuses.slice(0, 12).every((s) => s === 202)).toBe(true);
    expect(statuses[12]).toBe(429);
  });
});
