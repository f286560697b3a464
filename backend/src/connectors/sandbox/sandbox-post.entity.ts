import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The options' values as they are stored (JSON). */
export type SandboxPostOptions = Record<string, string | number | boolean | string[]>;

/**
 * What the Sandbox network "published": its own store, standing apart from our posts the way a
 * real network does, so reconciliation after a crash looks posts up here by idempotency key.
 */
@Entity('sandbox_posts')
@Index('uq_sandbox_posts_idempotency', ['accountExternalId', 'idempotencyKey'], { unique: true })
@Index('ix_sandbox_posts_account', ['accountExternalId', 'createdAt'])
export class SandboxPost {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 255 })
  accountExternalId: string;

  @Column({ type: String, length: 80 })
  idempotencyKey: string;

  @Column({ type: String, length: 20 })
  postType: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: String, length: 2048, nullable: true })
  link: string | null;

  @Column({ type: 'simple-json' })
  media: Array<{ id: string; kind: string; url: string }>;

  /** Poll choices and length, title, first comment: what a real network would show with the post. */
  @Column({ type: 'simple-json', nullable: true })
  options: SandboxPostOptions | null;

  @Column({ type: Date, nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
