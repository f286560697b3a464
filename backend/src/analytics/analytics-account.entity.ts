import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';

/** Analytics' own state for a connected account: whether metrics can be read, and sync times. */
@Entity('analytics_accounts')
export class AnalyticsAccount {
  @PrimaryColumn({ type: String, length: 36 })
  accountId: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_accounts_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  /** Why metrics cannot be read (the token lacks the insights permission …); the account page shows it. */
  @Column({ type: 'text', nullable: true })
  unavailableReason: string | null;

  @Column({ type: Date, nullable: true })
  lastSyncAt: Date | null;

  /** "Sync now" is refused until then. */
  @Column({ type: Date, nullable: true })
  syncCooldownUntil: Date | null;

  /** The last workspace-local day whose account stats were read. */
  @Column({ type: String, length: 10, nullable: true })
  lastStatsDay: string | null;

  /** Posts published outside the platform are imported up to here. */
  @Column({ type: Date, nullable: true })
  lastListedAt: Date | null;
}
