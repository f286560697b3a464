import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { findPage, mapPage, type Page, type PageQuery } from '../common/pagination';
import { newId } from '../common/ids';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { User } from '../identity/user.entity';
import { MailService } from '../mail/mail.service';
import { Membership } from '../workspaces/membership.entity';
import { LiveNotifications } from './live-notifications';
import { KIND_INFO, type NotificationKind } from './notification-kinds';
import { NotificationReceipt } from './notification-receipt.entity';
import { Notification, type NotificationAction } from './notification.entity';
import { NotificationPreferencesService } from './notification-preferences.service';

export interface Notice {
  /** What it is about: decides the member's channel and what it groups with. Default `team`. */
  kind?: NotificationKind;
  title: string;
  body: string;
  /** In-app path, e.g. `/w/<workspace>/approvals`. */
  link: string | null;
  /** Where an entry standing for many of this kind points (the list); the link when absent. */
  groupLink?: string | null;
  /** Worth an email to members who want this kind by email; a repeated nag is not. Default true. */
  email?: boolean;
  action?: NotificationAction | null;
  /** Names the event: told once however often it is delivered. */
  key?: string;
}

export interface TeamNotice extends Notice {
  /** Members with these roles are told; built-in role keys or custom role ids. */
  roles: string[];
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** How many events this entry stands for ("10 posts failed"). */
  count: number;
  title: string;
  body: string;
  link: string | null;
  action: NotificationAction | null;
  read: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Tells members of a workspace something: in the app (the bell), and by email when asked. */
@Injectable()
export class NotificationsService {
  constructor(
    readonly live: LiveNotifications,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  /** Tells the members with the notice's roles; returns how many were told. */
  async notify(workspaceId: string, notice: TeamNotice): Promise<number> {
    const members = await this.dataSource.manager.findBy(Membership, { workspaceId, role: In(notice.roles) });
    return this.notifyUsers(
      workspaceId,
      members.map((m) => m.userId),
      notice,
    );
  }

  /**
   * Tells these members (of this workspace) as each prefers for the notice's kind. An unread entry
   * of the same kind from the same day grows instead of a new one; its email went with the first.
   */
  async notifyUsers(workspaceId: string, userIds: string[], notice: Notice): Promise<number> {
    if (notice.key && !(await this.firstTime(notice.key))) return 0;
    const members = userIds.length
      ? await this.dataSource.manager.findBy(Membership, { workspaceId, userId: In([...new Set(userIds)]) })
      : [];
    if (!members.length) return 0;
    const kind = notice.kind ?? 'team';
    const channels = await this.preferences.channelsOf(
      members.map((m) => m.userId),
      kind,
    );
    const emailTo: string[] = [];
    let told = 0;
    for (const m of members) {
      const channel = channels.get(m.userId)!;
      if (channel === 'off') continue;
      const fresh = await this.record(workspaceId, m.userId, kind, notice, channel === 'digest');
      if (fresh && channel === 'email' && notice.email !== false) emailTo.push(m.userId);
      this.live.emit(m.userId, workspaceId);
      told++;
    }
    if (emailTo.length) {
      const users = await this.dataSource.manager.findBy(User, { id: In(emailTo) });
      const link = notice.link ? `\n\n${this.config.publicUrl}${notice.link}` : '';
      for (const user of users) {
        await this.mail.enqueue({ to: user.email, subject: notice.title, text: `${notice.body}${link}`, workspaceId });
      }
    }
    return told;
  }

  /** Writes the entry, or grows today's unread one of this kind; true when a new entry was written. */
  private async record(
    workspaceId: string,
    userId: string,
    kind: NotificationKind,
    notice: Notice,
    digest: boolean,
  ): Promise<boolean> {
    const groupKey = kind === 'team' ? null : `${workspaceId}:${kind}:${new Date().toISOString().slice(0, 10)}`;
    const open = groupKey && (await this.notifications.findOneBy({ userId, groupKey, readAt: IsNull() }));
    if (open) {
      const count = open.count + 1;
      await this.notifications.update(open.id, {
        count,
        title: KIND_INFO[kind].many(count).slice(0, 200),
        body: `Latest: ${notice.title}. ${notice.body}`,
        link: notice.groupLink ?? notice.link,
        // Retry belongs to one post; the group's link lists them all.
        action: null,
        digestPending: open.digestPending || digest,
      });
      return false;
    }
    await this.notifications.insert({
      id: newId(),
      workspaceId,
      userId,
      kind,
      groupKey,
      count: 1,
      title: notice.title.slice(0, 200),
      body: notice.body,
      link: notice.link,
      action: notice.action ?? null,
      digestPending: digest,
      readAt: null,
    });
    return true;
  }

  /** Remembers the event; false when it was told before (a redelivery). */
  private async firstTime(eventKey: string): Promise<boolean> {
    // Cut to the column's length the same way for the look-up and the insert.
    const key = eventKey.slice(0, 160);
    const receipts = this.dataSource.getRepository(NotificationReceipt);
    if (await receipts.existsBy({ key })) return false;
    try {
      await receipts.insert({ key });
      return true;
    } catch (error) {
      // Another process told it between the check and the insert.
      if (await receipts.existsBy({ key })) return false;
      throw error;
    }
  }

  /** A page of this member's notifications, newest first, with the unread count for the bell. */
  async mine(
    workspaceId: string,
    userId: string,
    query: PageQuery = {},
  ): Promise<Page<NotificationView> & { unread: number }> {
    const page = await findPage(this.notifications, { workspaceId, userId }, query);
    const unread = await this.notifications.countBy({ workspaceId, userId, readAt: IsNull() });
    return { ...mapPage(page, viewOf), unread };
  }

  /** Marks one notification (or, without an id, all) of this member read. */
  async markRead(workspaceId: string, userId: string, id?: string): Promise<void> {
    if (id && !(await this.notifications.existsBy({ id, workspaceId, userId }))) throw notFound('Notification');
    await this.notifications.update(
      { workspaceId, userId, readAt: IsNull(), ...(id && { id }) },
      { readAt: new Date() },
    );
    // Every open bell of theirs (another tab, another device) shows the new count.
    this.live.emit(userId, workspaceId);
  }
}

const viewOf = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  count: n.count,
  title: n.title,
  body: n.body,
  link: n.link,
  action: n.action,
  read: n.readAt !== null,
  createdAt: n.createdAt.toISOString(),
  updatedAt: n.updatedAt.toISOString(),
});
