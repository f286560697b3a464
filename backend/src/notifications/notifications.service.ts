import { EventEmitter } from 'node:events';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Observable, ReplaySubject, takeUntil } from 'rxjs';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { User } from '../identity/user.entity';
import { MailService } from '../mail/mail.service';
import { Membership } from '../workspaces/membership.entity';
import { Notification } from './notification.entity';

export interface TeamNotice {
  /** Members with these roles are told; built-in role keys or custom role ids. */
  roles: string[];
  title: string;
  body: string;
  /** In-app path, e.g. `/w/<workspace>/approvals`. */
  link: string | null;
  email: boolean;
}

export interface NotificationView {
  id: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

/**
 * News for open bells, in this process. Notifications written by another process (a separate
 * worker) reach bells on their next refresh; a shared bus (Redis) would carry them live.
 */
export class LiveNotifications {
  private readonly events = new EventEmitter();
  /** Replays its one signal, so a stream opened while the server closes ends at once too. */
  private readonly closing = new ReplaySubject<void>(1);

  constructor() {
    this.events.setMaxListeners(0);
  }

  emit(userId: string, workspaceId: string): void {
    this.events.emit(`${workspaceId}:${userId}`);
  }

  /** Emits once at once, then after every new notification for this member. */
  watch(userId: string, workspaceId: string): Observable<void> {
    return new Observable<void>((subscriber) => {
      const key = `${workspaceId}:${userId}`;
      const listener = () => subscriber.next();
      this.events.on(key, listener);
      subscriber.next();
      return () => this.events.off(key, listener);
    }).pipe(takeUntil(this.closing));
  }

  /** Ends every open stream: the server cannot close while a bell still listens. */
  close(): void {
    this.closing.next();
    this.closing.complete();
  }
}

/** Tells members of a workspace something: in the app (the bell), and by email when asked. */
@Injectable()
export class NotificationsService implements BeforeApplicationShutdown {
  readonly live = new LiveNotifications();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {}

  beforeApplicationShutdown(): void {
    this.live.close();
  }

  /** Tells the members with the notice's roles; returns how many were told. */
  async notify(workspaceId: string, notice: TeamNotice): Promise<number> {
    const members = await this.dataSource.manager.findBy(Membership, { workspaceId, role: In(notice.roles) });
    return this.notifyUsers(
      workspaceId,
      members.map((m) => m.userId),
      notice,
    );
  }

  /** Tells these members (of this workspace) in the app, and by email when asked. */
  async notifyUsers(workspaceId: string, userIds: string[], notice: Omit<TeamNotice, 'roles'>): Promise<number> {
    const members = userIds.length
      ? await this.dataSource.manager.findBy(Membership, { workspaceId, userId: In(userIds) })
      : [];
    if (!members.length) return 0;
    await this.notifications.insert(
      members.map((m) => ({
        id: newId(),
        workspaceId,
        userId: m.userId,
        title: notice.title.slice(0, 200),
        body: notice.body,
        link: notice.link,
        readAt: null,
      })),
    );
    if (notice.email) {
      const users = await this.dataSource.manager.findBy(User, { id: In(members.map((m) => m.userId)) });
      const link = notice.link ? `\n\n${this.config.publicUrl}${notice.link}` : '';
      for (const user of users) {
        await this.mail.enqueue({ to: user.email, subject: notice.title, text: `${notice.body}${link}`, workspaceId });
      }
    }
    for (const m of members) this.live.emit(m.userId, workspaceId);
    return members.length;
  }

  async mine(workspaceId: string, userId: string): Promise<{ items: NotificationView[]; unread: number }> {
    const rows = await this.notifications.find({ where: { workspaceId, userId }, order: { id: 'DESC' }, take: 50 });
    const unread = await this.notifications.countBy({ workspaceId, userId, readAt: IsNull() });
    return {
      items: rows.map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        link: n.link,
        read: n.readAt !== null,
        createdAt: n.createdAt.toISOString(),
      })),
      unread,
    };
  }

  /** Marks one notification (or, without an id, all) of this member read. */
  async markRead(workspaceId: string, userId: string, id?: string): Promise<void> {
    if (id && !(await this.notifications.existsBy({ id, workspaceId, userId }))) throw notFound('Notification');
    await this.notifications.update(
      { workspaceId, userId, readAt: IsNull(), ...(id && { id }) },
      { readAt: new Date() },
    );
  }
}
