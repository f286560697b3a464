import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Automation } from '../automation.entity';

/** Where a trigger's sample came from. */
export type SampleSource = 'fetch' | 'pasted' | 'test-delivery' | 'example';

/**
 * A trigger node's sample data, kept with the automation's draft (like n8n's pinned data): what
 * the editor shows beside each field, and what a test of the draft runs on. One per trigger node;
 * it outlives publishing and is never deployed.
 */
@Entity('automation_node_samples')
// A test delivery finds the node waiting for it by its one-time token.
@Index('ix_automation_node_samples_token', ['testToken'])
export class NodeSample {
  @PrimaryColumn({ type: String, length: 36 })
  automationId: string;

  @PrimaryColumn({ type: String, length: 40 })
  nodeId: string;

  @ManyToOne(() => Automation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'automationId', foreignKeyConstraintName: 'fk_automation_node_samples_automation' })
  automation?: Automation;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 16 })
  source: SampleSource;

  /** The sample payload, as the trigger would send it; null while a first test delivery is awaited. */
  @Column({ type: 'simple-json', nullable: true })
  payload: Record<string, unknown> | null;

  @Column({ type: Date, nullable: true })
  capturedAt: Date | null;

  /** While waiting for a test delivery: the one-time token of its URL, and until when it is open. */
  @Column({ type: String, length: 64, nullable: true })
  testToken: string | null;

  @Column({ type: Date, nullable: true })
  waitingUntil: Date | null;

  @UpdateDateColumn()
  updatedAt: Date;
}
