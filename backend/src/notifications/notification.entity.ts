import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An in-app notification for one member of one workspace (the bell). */
@Entity('notifications')
@Index('ix_notifications_user', ['workspaceId', 'userId', 'readAt'])
@Index('ix_notifications_list', ['workspaceId', 'userId', 'id'])
export class Notification {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  userId: string;

  @Column({ type: String, length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** An in-app path to open, e.g. `/w/<id>/approvals`. */
  @Column({ type: String, length: 300, nullable: true })
  link: string | null;

  @Column({ type: Date, nullable: true })
  readAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
