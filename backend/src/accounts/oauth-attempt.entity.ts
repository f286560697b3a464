import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';

/**
 * One started OAuth connect: its id is the `state` sent to the network, so the callback proves it
 * answers a flow we started, for this workspace and person. Used once, then deleted.
 */
@Entity('oauth_attempts')
export class OAuthAttempt {
  @PrimaryColumn({ type: String, length: 64 })
  state: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  userId: string;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  /** PKCE verifier, sealed; null for networks without PKCE. */
  @Column({ type: 'text', nullable: true })
  codeVerifierSealed: string | null;

  /** The account being reconnected, when this is a re-authorisation. */
  @Column({ type: String, length: 36, nullable: true })
  accountId: string | null;

  /** The instance the person named, for networks on many hosts (Mastodon); null elsewhere. */
  @Column({ type: String, length: 255, nullable: true })
  instanceUrl: string | null;

  @Column({ type: Date })
  expiresAt: Date;

  @CreateDateColumn()
  createdAt: Date;
}
