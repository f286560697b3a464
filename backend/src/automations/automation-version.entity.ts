import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Automation } from './automation.entity';
import type { Graph } from './graph';

/** A published, immutable graph; publishing deploys it, restoring copies it back into the draft. */
@Entity('automation_versions')
@Index('uq_automation_versions', ['automationId', 'version'], { unique: true })
export class AutomationVersion {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  automationId: string;

  @ManyToOne(() => Automation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'automationId', foreignKeyConstraintName: 'fk_automation_versions_automation' })
  automation?: Automation;

  @Column({ type: Number })
  version: number;

  @Column({ type: 'simple-json' })
  graph: Graph;

  @Column({ type: String, length: 36, nullable: true })
  publishedBy: string | null;

  @CreateDateColumn()
  publishedAt: Date;
}
