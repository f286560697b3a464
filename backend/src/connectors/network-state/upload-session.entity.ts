import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** `started`: the network knows the upload (session or publish id) but has not confirmed the post. */
export type UploadSessionState = 'started' | 'published';

/**
 * A network-side upload a publish attempt began (YouTube's resumable session URI, TikTok's
 * publish_id), keyed by the attempt's idempotency key. Written before the bytes go out, so an
 * attempt after a crash continues or looks up this upload instead of starting a second post.
 */
@Entity('network_upload_sessions')
export class NetworkUploadSession {
  @PrimaryColumn({ type: String, length: 20 })
  network: string;

  @PrimaryColumn({ type: String, length: 80 })
  idempotencyKey: string;

  @Column({ type: String, length: 255 })
  accountExternalId: string;

  /** The network's handle on the upload: a session URI or a publish id. */
  @Column({ type: 'text' })
  sessionRef: string;

  @Column({ type: String, length: 20 })
  state: UploadSessionState;

  /** The post's id once the network confirmed it. */
  @Column({ type: String, length: 255, nullable: true })
  externalId: string | null;

  /** Moved on with every acknowledged chunk: a recent value means an upload is still under way. */
  @Column({ type: Date })
  progressAt: Date;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
