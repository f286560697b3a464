import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MediaItem } from './media-item.entity';

/** One tag on one media item; the workspace is repeated so tag counts read one index. */
@Entity('media_item_tags')
@Index('ix_media_item_tags_workspace', ['workspaceId', 'tag'])
export class MediaTag {
  @PrimaryColumn({ type: String, length: 36 })
  mediaId: string;

  @ManyToOne(() => MediaItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mediaId', foreignKeyConstraintName: 'fk_media_item_tags_media' })
  media?: MediaItem;

  @PrimaryColumn({ type: String, length: 50 })
  tag: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;
}
