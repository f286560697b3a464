import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotificationChannel, NotificationKind } from './notification-kinds';

/** How a person wants to be told about one kind of notification, in every workspace of theirs. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: String, length: 36 })
  userId: string;

  @PrimaryColumn({ type: String, length: 40 })
  kind: NotificationKind;

  @Column({ type: String, length: 20 })
  channel: NotificationChannel;
}
