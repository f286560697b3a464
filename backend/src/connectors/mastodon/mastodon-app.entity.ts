import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The OAuth app this server registered on one Mastodon instance (POST /api/v1/apps): every
 * workspace connecting accounts there shares it. Registered again if the callback URL changes.
 */
@Entity('mastodon_apps')
export class MastodonApp {
  /** The instance's origin, `https://mastodon.social`. */
  @PrimaryColumn({ type: String, length: 255 })
  instanceUrl: string;

  @Column({ type: String, length: 500 })
  redirectUri: string;

  @Column({ type: String, length: 255 })
  clientId: string;

  /** Sealed with the server's SecretBox. */
  @Column({ type: 'text' })
  clientSecretSealed: string;

  @CreateDateColumn()
  createdAt: Date;
}
