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
import type { VariantOptions } from '../posts/post-variant.entity';
import { Workspace } from '../workspaces/workspace.entity';

/** A variant as a template keeps it: the account it targets and what it says there. */
export interface TemplateVariant {
  accountId: string;
  text?: string;
  postType?: string;
  mediaIds?: string[];
  link?: string;
  options?: VariantOptions;
}

/** A post kept to start new ones from: its text, media, per-account variants and labels (no schedule). */
@Entity('post_templates')
@Index('ix_post_templates_workspace', ['workspaceId', 'id'])
export class PostTemplate {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_post_templates_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 120 })
  name: string;

  /** The post's own title (for the team), when it had one. */
  @Column({ type: String, length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'simple-json' })
  labels: string[];

  @Column({ type: 'simple-json' })
  variants: TemplateVariant[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
