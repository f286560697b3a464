import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import type { Graph } from './graph';

/** A workspace's automation: the draft graph people edit, and which published version runs. */
@Entity('automations')
@Index('ix_automations_workspace', ['workspaceId'])
export class Automation {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_automations_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 120 })
  name: string;

  /** The draft: saved as edited, checked only when published. */
  @Column({ type: 'simple-json' })
  graph: Graph;

  /** Runs only while enabled and published. */
  @Column({ type: Boolean })
  enabled: boolean;

  @Column({ type: Number, nullable: true })
  publishedVersion: number | null;

  @Column({ type: String, length: 36, nullable: true })
  createdBy: string | null;

  /** The recipe template it was started from; null when built from scratch. */
  @Column({ type: String, length: 100, nullable: true })
  templateId: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
