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
import type { NetworkId } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';

/** `reauth_required`: the network refused the token; publishing waits until a person reconnects. */
export type AccountStatus = 'active' | 'reauth_required' | 'disabled';

/** The Sandbox's simulated behaviour, so retries, re-authorisation and crashes can be tried. */
export interface AccountSettings {
  latencyMs?: number;
  failStatus?: 401 | 429 | 500;
  failCount?: number;
  /** Retry-After of a simulated 429, for publishes and metric reads alike. */
  retryAfterSeconds?: number;
  /** Metric reads fail apart from publishes: the next `metricsFailCount` reads answer this status. */
  metricsFailStatus?: 401 | 429 | 500;
  metricsFailCount?: number;
  lookup?: boolean;
  /** false: behave like a token without the insights permission (metrics unavailable). */
  insights?: boolean;
}

/**
 * A connected social account (a Page, a profile, a Sandbox demo account). Deleting one only marks
 * it deleted, so the posts that went out through it keep their history.
 */
@Entity('social_accounts')
@Index('ix_social_accounts_workspace', ['workspaceId'])
@Index('uq_social_accounts_external', ['workspaceId', 'network', 'externalAccountId'], { unique: true })
export class SocialAccount {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_social_accounts_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  @Column({ type: String, length: 100 })
  name: string;

  /** The network's own id for the account (a Page id, a user id, a person URN). */
  @Column({ type: String, length: 255 })
  externalAccountId: string;

  @Column({ type: String, length: 20 })
  status: AccountStatus;

  /** Sealed with SecretBox; never leaves the backend. */
  @Column({ type: 'text', nullable: true })
  accessTokenSealed: string | null;

  @Column({ type: 'text', nullable: true })
  refreshTokenSealed: string | null;

  @Column({ type: Date, nullable: true })
  tokenExpiresAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastRefreshAt: Date | null;

  @Column({ type: 'simple-json' })
  scopes: string[];

  @Column({ type: 'simple-json' })
  missingScopes: string[];

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Network-specific settings (the Sandbox's simulated latency and failures). */
  @Column({ type: 'simple-json' })
  settings: AccountSettings;

  @Column({ type: Date, nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
