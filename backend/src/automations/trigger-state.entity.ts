import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What a polled trigger remembers between checks: a schedule's last fire time, a feed's first
 * poll. Keyed by automation and node, so republishing keeps it.
 */
@Entity('automation_trigger_states')
export class TriggerState {
  @PrimaryColumn({ type: String, length: 36 })
  automationId: string;

  @PrimaryColumn({ type: String, length: 40 })
  nodeId: string;

  @Column({ type: 'text' })
  cursor: string;

  @UpdateDateColumn()
  updatedAt: Date;
}
