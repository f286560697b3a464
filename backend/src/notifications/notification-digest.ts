import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan, LessThanOrEqual, Not, Repository } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { User } from '../identity/user.entity';
import { BackgroundJobs } from '../jobs/background-jobs';
import { MailService } from '../mail/mail.service';
import { PublishJob } from '../publishing/publish-job.entity';
import { QUOTA_WARNING_SHARE, QUOTAS } from '../scheduling/quotas';
import { NotificationReceipt } from './notification-receipt.entity';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

export const DIGEST_JOB = 'notifications.daily-digest';
export const ACCOUNT_ATTENTION_JOB = 'notifications.account-attention';
/** Access that ends within this window is worth a person's attention now. */
export const EXPIRY_WARNING_MS = 7 * 86_400_000;
const DIGEST_BATCH = 500;
const RECEIPT_DAYS = 30;

/**
 * Periodic tellings: the daily digest (one email per person with their digest-kind items) and
 * accounts that need reconnecting or whose access ends within 7 days.
 */
@Injectable()
export class NotificationDigest implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly notices: NotificationsService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define(DIGEST_JOB, async () => {
      await this.sendDigests();
      await this.forgetOldReceipts();
    });
    this.jobs.every(DIGEST_JOB, '1 day');
    this.jobs.define(ACCOUNT_ATTENTION_JOB, async () => {
      await this.accountsNeedingAttention();
      await this.quotasNearlyReached();
    });
    this.jobs.every(ACCOUNT_ATTENTION_JOB, '1 hour');
  }

  /** One email per person listing what waited for the digest; returns how many emails were queued. */
  async sendDigests(): Promise<number> {
    let sent = 0;
    for (;;) {
      const pending = await this.notifications.find({
        where: { digestPending: true },
        order: { userId: 'ASC', id: 'ASC' },
        take: DIGEST_BATCH,
      });
      if (!pending.length) return sent;
      const byUser = new Map<string, Notification[]>();
      for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
      const users = await this.dataSource.manager.findBy(User, { id: In([...byUser.keys()]) });
      for (const user of users) {
        const items = byUser.get(user.id)!;
        const lines = items.map(
          (n) =>
            `• ${n.title}${n.count > 1 ? '' : ` — ${n.body}`}${n.link ? `\n  ${this.config.publicUrl}${n.link}` : ''}`,
        );
        await this.mail.enqueue({
          to: user.email,
          subject: items.length === 1 ? 'Your daily digest: 1 thing' : `Your daily digest: ${items.length} things`,
          text: `Here is what happened since your last digest:\n\n${lines.join('\n\n')}`,
        });
        sent++;
      }
      // Marked only after the emails are queued: a crash before sends them again, never loses them.
      await this.notifications.update({ id: In(pending.map((n) => n.id)) }, { digestPending: false });
    }
  }

  /** Receipts only guard against redelivery, which comes within minutes: a month's are plenty. */
  async forgetOldReceipts(now = new Date()): Promise<number> {
    const { affected } = await this.dataSource
      .getRepository(NotificationReceipt)
      .delete({ createdAt: LessThan(new Date(now.getTime() - RECEIPT_DAYS * 86_400_000)) });
    return affected ?? 0;
  }

  /** Tells owners and admins about each account to reconnect or expiring soon, once per state and day. */
  async accountsNeedingAttention(now = new Date()): Promise<number> {
    const soon = new Date(now.getTime() + EXPIRY_WARNING_MS);
    const accounts = await this.dataSource.manager.find(SocialAccount, {
      where: [
        { status: Not('active'), deletedAt: IsNull() },
        { status: 'active', deletedAt: IsNull(), tokenExpiresAt: LessThanOrEqual(soon) },
      ],
    });
    const day = now.toISOString().slice(0, 10);
    let told = 0;
    for (const account of accounts) {
      const expiring = account.status === 'active';
      told += await this.notices.notify(account.workspaceId, {
        roles: ['owner', 'admin'],
        kind: 'account_attention',
        key: `account.${expiring ? 'expiring' : account.status}:${account.id}:${expiring ? day : (account.lastError ?? '')}`.slice(
          0,
          160,
        ),
        title: expiring ? `${account.name}'s access expires soon` : `${account.name} needs reconnecting`,
        body: expiring
          ? `The network's permission for ${account.name} ends on ${account.tokenExpiresAt!.toUTCString()}. Reconnect it before then so posts keep going out.`
          : `Posts to ${account.name} cannot go out until it is reconnected.${account.lastError ? ` The network said: ${account.lastError}` : ''}`,
        link: `/w/${account.workspaceId}/accounts`,
      });
    }
    return told;
  }

  /**
   * Tells owners and admins, once a day per account, when the posts it published within a network
   * quota's window reach 80 % of it (as the network counts now); posts beyond it would be refused.
   */
  async quotasNearlyReached(now = new Date()): Promise<number> {
    let told = 0;
    const day = now.toISOString().slice(0, 10);
    for (const quota of QUOTAS.filter((q) => !q.postTypes)) {
      const since = new Date(now.getTime() - quota.windowHours * 3_600_000);
      const counts: { accountId: string; n: string | number }[] = await this.dataSource.manager
        .createQueryBuilder(PublishJob, 'j')
        .innerJoin(SocialAccount, 'a', 'a.id = j.accountId')
        .select('j.accountId', 'accountId')
        .addSelect('COUNT(*)', 'n')
        .where('a.network = :network AND a.deletedAt IS NULL', { network: quota.network })
        .andWhere('j.status = :status AND j.publishedAt > :since', { status: 'published', since })
        .groupBy('j.accountId')
        .getRawMany();
      for (const { accountId, n } of counts) {
        if (Number(n) < Math.ceil(quota.max * QUOTA_WARNING_SHARE)) continue;
        const account = await this.dataSource.manager.findOneByOrFail(SocialAccount, { id: accountId });
        told += await this.notices.notify(account.workspaceId, {
          roles: ['owner', 'admin'],
          kind: 'quota_near',
          key: `quota.near:${accountId}:${day}`,
          title: `${account.name} is near its posting limit`,
          body: `${account.name} published ${Number(n)} of the ${quota.max} posts the network allows in ${quota.windowHours} hours (${quota.label}). Posts beyond it will be refused; spread them out.`,
          link: `/w/${account.workspaceId}/calendar`,
        });
      }
    }
    return told;
  }
}
