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

/** Hashtags a team inserts together ("#autumn #menu #local"), saved under a name. */
@Entity('hashtag_groups')
@Index('ix_hashtag_groups_workspace', ['workspaceId', 'id'])
@Index('uq_hashtag_groups_name', ['workspaceId', 'name'], { unique: true })
export class HashtagGroup {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_hashtag_groups_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 80 })
  name: string;

  /** Each with its leading #, in the order they are inserted. */
  @Column({ type: 'simple-json' })
  hashtags: string[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
