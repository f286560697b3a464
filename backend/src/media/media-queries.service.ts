import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { type Page, queryPage } from '../common/pagination';
import { MediaItemDto } from './media.dto';
import { MediaDetailDto, MediaListQueryDto, MediaTagsDto } from './media-library.dto';
import { MediaItem } from './media-item.entity';
import { MediaTag } from './media-tag.entity';
import { MediaUsage } from './media-usage';
import { MediaViews } from './media-views';

/**
 * The library's reads: the grid (newest first, keyset by time-ordered id, through
 * ix_media_items_workspace or, filtered by folder or kind, ix_media_items_folder / _kind),
 * an item with the posts that use it, and the tags in use.
 */
@Injectable()
export class MediaQueries {
  constructor(
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
    @InjectRepository(MediaTag) private readonly tags: Repository<MediaTag>,
    private readonly views: MediaViews,
    private readonly usage: MediaUsage,
  ) {}

  async list(workspaceId: string, query: MediaListQueryDto): Promise<Page<MediaItemDto>> {
    const qb = this.items.createQueryBuilder('m').where('m.workspaceId = :workspaceId', { workspaceId });
    if (query.folderId === 'root') qb.andWhere('m.folderId IS NULL');
    else if (query.folderId) qb.andWhere('m.folderId = :folderId', { folderId: query.folderId });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.uploadedBy) qb.andWhere('m.uploadedById = :uploadedBy', { uploadedBy: query.uploadedBy });
    if (query.favourite !== undefined) qb.andWhere('m.favourite = :favourite', { favourite: query.favourite });
    if (query.from) qb.andWhere('m.createdAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('m.createdAt < :to', { to: new Date(query.to) });
    if (query.q) {
      // LIKE's wildcards in the search are searched for, not matched with.
      const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("LOWER(m.fileName) LIKE :pattern ESCAPE '\\'", { pattern });
    }
    if (query.tag) {
      const tagged = qb
        .subQuery()
        .select('1')
        .from(MediaTag, 't')
        .where('t.mediaId = m.id')
        .andWhere('t.tag = :tag', { tag: query.tag.trim().toLowerCase() });
      qb.andWhere(`EXISTS ${tagged.getQuery()}`, tagged.getParameters());
    }
    const page = await queryPage(qb, query);
    return { items: await this.views.many(page.items), nextCursor: page.nextCursor };
  }

  async detail(workspaceId: string, id: string): Promise<MediaDetailDto> {
    const item = await this.find(workspaceId, id);
    const uses = await this.usage.usesOf(workspaceId, id);
    return {
      ...(await this.views.one(item)),
      usage: uses.map((u) => ({ ...u, scheduledAt: u.scheduledAt?.toISOString() ?? null })),
    };
  }

  /** Served by ix_media_item_tags_workspace (workspaceId, tag). */
  async tagCounts(workspaceId: string): Promise<MediaTagsDto> {
    const rows: Array<{ tag: string; count: string | number }> = await this.tags
      .createQueryBuilder('t')
      .select('t.tag', 'tag')
      .addSelect('COUNT(*)', 'count')
      .where('t.workspaceId = :workspaceId', { workspaceId })
      .groupBy('t.tag')
      .getRawMany();
    const items = rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
    return { items: items.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)) };
  }

  async find(workspaceId: string, id: string): Promise<MediaItem> {
    const item = await this.items.findOneBy({ id, workspaceId });
    if (!item) throw notFound('Media item');
    return item;
  }
}
