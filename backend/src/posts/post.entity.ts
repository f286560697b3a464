import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../identity/user.entity';
import { Workspace } from '../workspaces/workspace.entity';
import type { PostVariant } from './post-variant.entity';

export const POST_STATES = ['draft', 'pending_approval', 'scheduled', 'publishing', 'published', 'failed'] as const;
export type PostState = (typeof POST_STATES)[number];

/** Where a post came from; `demo`: the demo history (past Sandbox posts loaded in one click). */
export type PostSource = 'composer' | 'api' | 'import' | 'automation' | 'demo';

/** What a team writes once; it goes out as one variant per target account. */
@Entity('posts')
@Index('ix_posts_workspace', ['workspaceId', 'id'])
@Index('ix_posts_workspace_state', ['workspaceId', 'state', 'id'])
export class Post {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_posts_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 36, nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'authorId', foreignKeyConstraintName: 'fk_posts_author' })
  author?: User;

  @Column({ type: String, length: 200, nullable: true })
  title: string | null;

  /** The shared text; a variant without its own text uses it. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: String, length: 20 })
  state: PostState;

  @Column({ type: String, length: 20 })
  source: PostSource;

  @OneToMany('PostVariant', 'post')
  variants?: PostVariant[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
