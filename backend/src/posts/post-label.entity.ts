import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Label } from './label.entity';
import { Post } from './post.entity';

/** A label on a post (an explicit join table, so its keys are named like every other). */
@Entity('post_labels')
@Index('ix_post_labels_label', ['labelId'])
export class PostLabel {
  @PrimaryColumn({ type: String, length: 36 })
  postId: string;

  @PrimaryColumn({ type: String, length: 36 })
  labelId: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId', foreignKeyConstraintName: 'fk_post_labels_post' })
  post?: Post;

  @ManyToOne(() => Label, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'labelId', foreignKeyConstraintName: 'fk_post_labels_label' })
  label?: Label;
}
