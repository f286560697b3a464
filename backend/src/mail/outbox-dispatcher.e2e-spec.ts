import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { MailService } from './mail.service';
import { OutboxAttachment } from './outbox-attachment.entity';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxEmail } from './outbox-email.entity';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that records what it receives. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

describe.each(DATABASE_KINDS)('email delivery over SMTP on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(kind, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'SO <noreply@so.test>' });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  it('sends queued outbox mail exactly once, even when two dispatchers drain together', async () => {
    const user = await newUser(t);
    await t.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    const dispatcher = t.app.get(OutboxDispatcher);
    // A second dispatcher on the same database, as a second worker process would have.
    const other = new OutboxDispatcher(t.config, t.db.getRepository(OutboxEmail), t.db.getRepository(OutboxAttachment));
    const [a, b] = await Promise.all([dispatcher.drain(), other.drain()]);
    expect(a + b).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'noreply@so.test', to: [user.email] });
    // The body is quoted-printable: undo soft line breaks and the escaped "=".
    const body = smtp.received[0].raw.replace(/=\r\n/g, '').replace(/=3D/g, '=');
    expect(body).toContain('http://app.test/reset-password?token=');
    const row = await t.db.getRepository('OutboxEmail').findOneByOrFail({ to: user.email });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(await dispatcher.drain()).toBe(0);
  });

  it('sends an email’s attachments with it, byte for byte', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.from([0, 1, 2, 250, 251, 255])]);
    await t.app.get(MailService).enqueue({
      to: 'reader@example.com',
      subject: 'Your report',
      text: 'Attached.',
      attachments: [{ filename: 'report.pdf', contentType: 'application/pdf', content: pdf }],
    });
    await t.app.get(OutboxDispatcher).drain();
    const raw = smtp.received.find((r) => r.to.includes('reader@example.com'))!.raw;
    expect(raw).toMatch(/Content-Type: application\/pdf; name=report\.pdf/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=report\.pdf/);
    expect(raw).toContain(pdf.toString('base64'));
  });

  it('keeps a failed delivery queued with its error, to retry', async () => {
    const user = await newUser(t);
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await t.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    await t.app.get(OutboxDispatcher).drain();
    const row = await t.db.getRepository('OutboxEmail').findOneByOrFail({ to: user.email });
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });
});
