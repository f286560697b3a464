import { DateTime } from 'luxon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { MailService } from '../../mail/mail.service';
import { OutboxAttachment } from '../../mail/outbox-attachment.entity';
import { OutboxEmail } from '../../mail/outbox-email.entity';
import { NotificationsService } from '../../notifications/notifications.service';
import { addMember, apiAs, as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';
import { MembersService } from '../../workspaces/members.service';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { AnalyticsAccountDay } from '../analytics-account-day.entity';
import { sumWorkspaceDays } from '../workspace-days';
import { AnalyticsHashtagDay } from '../analytics-hashtag-day.entity';
import { AnalyticsPost } from '../analytics-post.entity';
import { AnalyticsReportSchedule } from './analytics-report-schedule.entity';
import { AnalyticsReport } from './analytics-report.entity';
import { pdfText } from './pdf-text';
import { ReportsService } from './reports.service';
import { ScheduledReports } from './scheduled-reports';

const PARIS = 'Europe/Paris';
const NO_METRICS = {
  impressions: null,
  reach: null,
  clicks: null,
  reactions: null,
  comments: null,
  shares: null,
  saves: null,
  videoViews: null,
  engagement: null,
};

/**
 * PDF reports end to end over seeded rollups: asked for through the API, rendered by the job,
 * downloaded and read back with pdftotext; schedules validated, sent once by two workers with the
 * PDF attached in the outbox, re-timed, and cancelled.
 */
describe.each(DATABASE_KINDS)('analytics reports on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let workspaceId: string;
  let brand: string;
  let foreignAccount: string;

  const accountDay = (day: string, values: Partial<AnalyticsAccountDay>) =>
    t.db.getRepository(AnalyticsAccountDay).insert({
      ...NO_METRICS,
      accountId: brand,
      workspaceId,
      day,
      network: 'sandbox',
      postsPublished: 0,
      followers: null,
      following: null,
      posts: null,
      profileViews: null,
      ...values,
    } as AnalyticsAccountDay);

  async function seed(): Promise<void> {
    await accountDay('2026-10-20', { impressions: 8000, reach: 6000, clicks: 100, engagement: 400, followers: 1000 });
    await accountDay('2026-11-02', {
      impressions: 12345,
      reach: 9000,
      clicks: 250,
      engagement: 900,
      postsPublished: 2,
      followers: 1200,
    });
    await accountDay('2026-11-20', { impressions: 655, reach: 500, clicks: 10, engagement: 100, followers: 1234 });
    const publishedAt = DateTime.fromISO('2026-11-02T09:00', { zone: PARIS });
    const id = newId();
    await t.db.getRepository(AnalyticsPost).insert({
      ...NO_METRICS,
      id,
      workspaceId,
      accountId: brand,
      network: 'sandbox',
      externalId: id,
      postId: null,
      variantId: null,
      external: false,
      authorId: owner.id,
      postType: 'status',
      mediaKind: null,
      text: 'Pumpkin soup is back on the menu #autumn',
      url: null,
      publishedAt: publishedAt.toJSDate(),
      publishedDay: publishedAt.toISODate()!,
      publishedWeekday: publishedAt.weekday,
      publishedHour: publishedAt.hour,
      impressions: 7777,
      reach: 5000,
      engagement: 555,
      engagementRate: 11.1,
      reactionsByType: null,
      ctr: null,
      rateBasis: 'reach',
      metricsTakenAt: new Date(),
      nextCollectAt: null,
      collectStep: 0,
      unavailableReason: null,
    } as unknown as AnalyticsPost);
    await t.db.getRepository(AnalyticsHashtagDay).insert({
      workspaceId,
      tag: 'autumn',
      day: '2026-11-02',
      impressions: 7777,
      reach: 5000,
      clicks: 40,
      engagement: 555,
      postsPublished: 1,
    } as AnalyticsHashtagDay);
    // The overview reads the workspace's days, which ingestion keeps beside the account days.
    await sumWorkspaceDays(t.db.manager, workspaceId);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    viewer = await newUser(t, 'viewer');
    workspaceId = await newWorkspace(t, owner, 'Report Café', PARIS);
    await addMember(t, owner, workspaceId, viewer, 'viewer');
    const api = apiAs(t, owner, workspaceId);
    brand = (await api.post('/accounts', { network: 'sandbox', name: 'Brand' }).expect(201)).body.id;
    const elsewhere = await newWorkspace(t, owner, 'Elsewhere', PARIS);
    foreignAccount = (await apiAs(t, owner, elsewhere).post('/accounts', { network: 'sandbox', name: 'B' })).body.id;
    await seed();
    await t.app.get(BackgroundJobs).start();
  });
  afterAll(() => t?.close());

  /** Follows a job to its end. */
  async function finished(jobId: string, user = owner, workspace = workspaceId) {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      const job = await t.http.get(`/api/v1/jobs/${jobId}`).set(as(user, workspace)).expect(200);
      if (job.body.status === 'completed' || job.body.status === 'failed')
        return job.body as { status: string; result: { reportId: string } };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the report job did not finish');
  }

  const download = async (reportId: string, user = owner) =>
    t.http
      .get(`/api/v1/analytics/reports/${reportId}/pdf`)
      .set(as(user, workspaceId))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('renders a report in the background, lists it, and downloads a PDF that holds the KPIs', async () => {
    const started = await t.http
      .post('/api/v1/analytics/reports')
      .set(as(viewer, workspaceId))
      .send({ from: '2026-11-01', to: '2026-11-30' })
      .expect(202);
    const job = await finished(started.body.job_id, viewer);
    expect(job.status).toBe('completed');
    const { reportId } = job.result;

    const list = await t.http.get('/api/v1/analytics/reports').set(as(viewer, workspaceId)).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: reportId, from: '2026-11-01', to: '2026-11-30', createdBy: viewer.id }),
    ]);
    expect(list.body.items[0].byteSize).toBeGreaterThan(1000);

    const res = await download(reportId, viewer);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="analytics-report-2026-11-01-to-2026-11-30.pdf"',
    );
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('Analytics report: Report Café');
    expect(text).toContain('Period: 1 November 2026 to 30 November 2026 (30 days)');
    expect(text).toContain('Time zone: Europe/Paris');
    // Impressions 12,345 + 655; previous period 8,000 → +62.5%. Followers at the end 1,234.
    expect(text).toContain('13,000');
    expect(text).toContain('+62.5%');
    expect(text).toContain('previous period 8,000');
    expect(text).toContain('1,234');
    expect(text).toContain('Pumpkin soup is back on the menu');
    expect(text).toContain('7,777');
    expect(text).toContain('#autumn');
  });

  it('refuses bad requests with 400 naming the field, and another workspace’s accounts', async () => {
    const post = (body: object) =>
      t.http.post('/api/v1/analytics/reports').set(as(owner, workspaceId)).send(body).expect(400);
    const field = async (body: object) => (await post(body)).body.errors.map((e: { field: string }) => e.field);
    expect(await field({ from: '2026-02-30' })).toEqual(['from']);
    expect(await field({ from: '2026-11-10', to: '2026-11-01' })).toEqual(['from']);
    expect(await field({ accounts: ['not-an-id'] })).toEqual(['accounts']);
    expect(await field({ networks: ['myspace'] })).toEqual(['networks']);
    expect(await field({ accounts: [foreignAccount] })).toEqual(['accounts']);
  });

  it('answers 404 for a report of another workspace and for an unknown id', async () => {
    const other = await newUser(t, 'other');
    const theirs = await newWorkspace(t, other, 'Theirs', PARIS);
    const job = await t.http.post('/api/v1/analytics/reports').set(as(other, theirs)).send({}).expect(202);
    const { reportId } = (await finished(job.body.job_id, other, theirs)).result;
    expect((await download(reportId)).status).toBe(404);
    expect((await download(newId())).status).toBe(404);
  });

  describe('schedules', () => {
    const schedules = '/api/v1/analytics/reports/schedules';
    const weekly = { name: 'Monday summary', frequency: 'weekly', weekday: 1, hour: 8 };

    /** A second worker process's sender, on the same database. */
    const secondWorker = () =>
      new ScheduledReports(
        t.db.getRepository(AnalyticsReportSchedule),
        t.app.get(ReportsService),
        t.app.get(MailService),
        t.app.get(MembersService),
        t.app.get(WorkspacesService),
        t.app.get(BackgroundJobs),
        t.app.get(NotificationsService),
      );

    it('validates fields (400 naming each) and needs workspace:write to change', async () => {
      const create = (body: object) => t.http.post(schedules).set(as(owner, workspaceId)).send(body);
      const fields = async (body: object) =>
        (await create(body).expect(400)).body.errors.map((e: { field: string }) => e.field);
      const recipients = { memberIds: [owner.id], emails: [] };
      expect(await fields({ ...weekly, ...recipients, weekday: undefined })).toEqual(['weekday']);
      expect(await fields({ ...weekly, ...recipients, frequency: 'monthly', weekday: undefined })).toEqual([
        'monthDay',
      ]);
      expect(await fields({ ...weekly, ...recipients, hour: 24 })).toEqual(['hour']);
      expect(await fields({ ...weekly, memberIds: [], emails: ['not an address'] })).toEqual(['emails']);
      expect(await fields({ ...weekly, memberIds: [], emails: [] })).toEqual(['memberIds']);
      expect(await fields({ ...weekly, memberIds: [newId()], emails: [] })).toEqual(['memberIds']);
      expect(await fields({ ...recipients, frequency: 'weekly', weekday: 1, hour: 8 })).toEqual(['name']);
      await t.http
        .post(schedules)
        .set(as(viewer, workspaceId))
        .send({ ...weekly, ...recipients })
        .expect(403);
      await t.http.get(schedules).set(as(viewer, workspaceId)).expect(200);
    });

    it('sends a due schedule once across two workers: one email per recipient with the PDF attached', async () => {
      const created = await t.http
        .post(schedules)
        .set(as(owner, workspaceId))
        .send({ ...weekly, memberIds: [owner.id, viewer.id], emails: ['Client@Example.com', viewer.email] })
        .expect(201);
      const schedule = created.body;
      expect(schedule.emails).toEqual(['client@example.com', viewer.email.toLowerCase()]);
      const due = DateTime.fromISO(schedule.nextRunAt).setZone(PARIS);
      expect(due).toMatchObject({ weekday: 1, hour: 8, minute: 0 });

      const now = due.plus({ minutes: 1 }).toJSDate();
      const sent = await Promise.all([t.app.get(ScheduledReports).sendDue(now), secondWorker().sendDue(now)]);
      expect(sent[0] + sent[1]).toBe(1);

      const row = await t.db.getRepository(AnalyticsReportSchedule).findOneByOrFail({ id: schedule.id });
      expect(row.nextRunAt!.toISOString()).toBe(due.plus({ weeks: 1 }).toJSDate().toISOString());
      expect(row.lastRunAt!.toISOString()).toBe(due.toJSDate().toISOString());
      const report = await t.db.getRepository(AnalyticsReport).findOneByOrFail({ scheduleId: schedule.id });
      const lastWeek = due.startOf('week').minus({ weeks: 1 });
      expect(report).toMatchObject({ fromDay: lastWeek.toISODate(), toDay: lastWeek.plus({ days: 6 }).toISODate() });

      const emails = await t.db.getRepository(OutboxEmail).findBy({ workspaceId });
      const mine = emails.filter((e) => e.subject.startsWith('Monday summary'));
      expect(mine.map((e) => e.to).sort()).toEqual(
        [owner.email.toLowerCase(), viewer.email.toLowerCase(), 'client@example.com'].sort(),
      );
      const attachments = await t.db.getRepository(OutboxAttachment).findBy({ emailId: mine[0].id });
      expect(attachments).toHaveLength(1);
      expect(attachments[0]).toMatchObject({ contentType: 'application/pdf', byteSize: report.byteSize });
      const text = await pdfText(Buffer.from(attachments[0].contentBase64, 'base64'));
      expect(text).toContain('Analytics report: Report Café');
      expect(text).toContain(`Period: ${lastWeek.toFormat('d MMMM yyyy')} to`);

      const outbox = await t.http.get('/api/v1/outbox').set(as(owner, workspaceId)).expect(200);
      const listed = outbox.body.items.find((e: { id: string }) => e.id === mine[0].id);
      expect(listed.attachments).toEqual([
        {
          filename: `analytics-report-${report.fromDay}-to-${report.toDay}.pdf`,
          contentType: 'application/pdf',
          byteSize: report.byteSize,
        },
      ]);
      // Nothing more is due until next week.
      expect(await t.app.get(ScheduledReports).sendDue(now)).toBe(0);
    });

    it('tells whoever made the schedule when its report cannot be made, and mails nothing', async () => {
      const other = await newWorkspace(t, owner, 'Broken disk', PARIS);
      const created = await t.http
        .post(schedules)
        .set(as(owner, other))
        .send({ ...weekly, name: 'Never made', memberIds: [owner.id], emails: [] })
        .expect(201);
      // The workspace's report folder is a file: the PDF cannot be stored, as on a broken disk.
      const folder = join(t.config.dataDir, 'media', 'reports');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, other), 'not a folder');

      const due = DateTime.fromISO(created.body.nextRunAt);
      expect(await t.app.get(ScheduledReports).sendDue(due.plus({ minutes: 1 }).toJSDate())).toBe(0);

      const emails = await t.db.getRepository(OutboxEmail).findBy({ workspaceId: other });
      expect(emails.filter((e) => e.subject.startsWith('Never made'))).toEqual([]);
      const bell = await t.http.get('/api/v1/notifications').set(as(owner, other)).expect(200);
      expect(bell.body.items).toEqual([
        expect.objectContaining({
          title: 'The report "Never made" was not sent',
          link: `/w/${other}/analytics/reports`,
        }),
      ]);
    });

    it('re-times on edit, and once cancelled is listed as such and never sent again', async () => {
      const created = await t.http
        .post(schedules)
        .set(as(owner, workspaceId))
        .send({ ...weekly, name: 'To cancel', memberIds: [], emails: ['boss@example.com'] })
        .expect(201);
      const id = created.body.id;
      const monthly = await t.http
        .patch(`${schedules}/${id}`)
        .set(as(owner, workspaceId))
        .send({ frequency: 'monthly', monthDay: 1, hour: 9 })
        .expect(200);
      expect(monthly.body).toMatchObject({ frequency: 'monthly', weekday: null, monthDay: 1, hour: 9 });
      const next = DateTime.fromISO(monthly.body.nextRunAt).setZone(PARIS);
      expect(next).toMatchObject({ day: 1, hour: 9 });
      const bad = await t.http
        .patch(`${schedules}/${id}`)
        .set(as(owner, workspaceId))
        .send({ frequency: 'weekly' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['weekday']);
      // null is "not given": the name stays, and a monthly schedule's weekday stays empty.
      const kept = await t.http
        .patch(`${schedules}/${id}`)
        .set(as(owner, workspaceId))
        .send({ name: null, weekday: null })
        .expect(200);
      expect(kept.body).toMatchObject({ name: 'To cancel', frequency: 'monthly', weekday: null, monthDay: 1 });

      await t.http.delete(`${schedules}/${id}`).set(as(owner, workspaceId)).expect(204);
      const list = await t.http.get(schedules).set(as(owner, workspaceId)).expect(200);
      const cancelled = list.body.items.find((s: { id: string }) => s.id === id);
      expect(cancelled.cancelledAt).not.toBeNull();
      expect(cancelled.nextRunAt).toBeNull();
      await t.http.patch(`${schedules}/${id}`).set(as(owner, workspaceId)).send({ hour: 10 }).expect(409);

      // A year on, a live schedule is due and sent; the cancelled one is not.
      const live = await t.http
        .post(schedules)
        .set(as(owner, workspaceId))
        .send({ ...weekly, name: 'Still on', memberIds: [], emails: ['team@example.com'] })
        .expect(201);
      await t.app.get(ScheduledReports).sendDue(next.plus({ years: 1 }).toJSDate());
      expect(await t.db.getRepository(AnalyticsReport).countBy({ scheduleId: live.body.id })).toBe(1);
      expect(await t.db.getRepository(AnalyticsReport).countBy({ scheduleId: id })).toBe(0);
      expect(await t.db.getRepository(OutboxEmail).countBy({ to: 'boss@example.com' })).toBe(0);
    });
  });
});
