import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationKind } from './notification-kinds';

/** Something a notification offers to do in place, besides opening its link. */
export interface NotificationAction {
  /** retry: schedule the failed post again (POST /posts/{postId}/reschedule). */
  kind: 'retry';
  postId: string;
}

/** An in-app notification for one member of one workspace (the bell). */
@Entity('notifications')
@Index('ix_notifications_user', ['workspaceId', 'userId', 'readAt'])
@Index('ix_notifications_list', ['workspaceId', 'userId', 'id'])
@Index('ix_notifications_group', ['userId', 'groupKey'])
@Index('ix_notifications_digest', ['digestPending', 'userId'])
export class Notification {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  userId: string;

  @Column({ type: String, length: 40 })
  kind: NotificationKind;

  /** (workspace, kind, day): an unread notification with the same key grows instead of a new one. */
  @Column({ type: String, length: 120, nullable: true })
  groupKey: string | null;

  /** How many events this entry stands for. */
  @Column({ type: Number })
  count: number;

  @Column({ type: String, length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** An in-app path to open, e.g. `/w/<id>/approvals`. */
  @Column({ type: String, length: 300, nullable: true })
  link: string | null;

  @Column({ type: 'simple-json', nullable: true })
  action: NotificationAction | null;

  /** Waits for the member's daily digest email. */
  @Column({ type: Boolean })
  digestPending: boolean;

  @Column({ type: Date, nullable: true })
  readAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
