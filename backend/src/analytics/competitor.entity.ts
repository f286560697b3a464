import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';

/** A public account the workspace compares itself with. */
@Entity('analytics_competitors')
@Index('uq_analytics_competitors_handle', ['workspaceId', 'network', 'handle'], { unique: true })
export class Competitor {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_competitors_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  @Column({ type: String, length: 100 })
  handle: string;

  @Column({ type: String, length: 100 })
  name: string;

  @Column({ type: String, length: 255 })
  externalId: string;

  @CreateDateColumn()
  createdAt: Date;

  /** Why its figures cannot be read now (the network refused the lookup …). */
  @Column({ type: 'text', nullable: true })
  unavailableReason: string | null;
}
