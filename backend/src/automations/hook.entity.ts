import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Automation } from './automation.entity';

/** An inbound webhook address of an automation; its secret is sealed at rest. */
@Entity('automation_hooks')
@Index('ix_automation_hooks_automation', ['automationId'])
export class AutomationHook {
  /** The public id in `/api/v1/hooks/{id}`. */
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  automationId: string;

  @ManyToOne(() => Automation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'automationId', foreignKeyConstraintName: 'fk_automation_hooks_automation' })
  automation?: Automation;

  @Column({ type: 'text' })
  secretSealed: string;

  @CreateDateColumn()
  createdAt: Date;
}

/** Delivery ids already accepted per hook: a replayed delivery is refused. */
@Entity('automation_hook_deliveries')
@Index('ix_automation_hook_deliveries_received', ['receivedAt'])
export class HookDelivery {
  @PrimaryColumn({ type: String, length: 36 })
  hookId: string;

  @PrimaryColumn({ type: String, length: 200 })
  deliveryId: string;

  @CreateDateColumn()
  receivedAt: Date;
}
