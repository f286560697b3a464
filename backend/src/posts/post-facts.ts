import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Label } from './label.entity';
import { PostLabel } from './post-label.entity';
import { Post } from './post.entity';

/**
 * What other contexts (analytics) may read about posts without touching the posts tables:
 * labels and authorship. The SQL fragment keeps a label filter one query on the reader's side.
 */
@Injectable()
export class PostFacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when the post is one of this workspace's (deleted ones included: their analytics remain). */
  exists(workspaceId: string, postId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(Post, { workspaceId, id: postId });
  }

  /**
   * A subquery listing the ids of the workspace's posts carrying any of the labels named in the
   * `:...param` list (labels are known by name, as posts name them); needs `:workspaceId`.
   */
  labelledPostsSql(param: string): string {
    return `SELECT pl."postId" FROM post_labels pl JOIN labels l ON l.id = pl."labelId"
      WHERE l."workspaceId" = :workspaceId AND l.name IN (:...${param})`;
  }

  /** The labels of each post (id and name), for posts of this workspace. */
  async labelsOf(workspaceId: string, postIds: string[]): Promise<Map<string, Array<{ id: string; name: string }>>> {
    const out = new Map<string, Array<{ id: string; name: string }>>();
    for (let i = 0; i < postIds.length; i += 500) {
      const links = await this.dataSource.manager.findBy(PostLabel, { postId: In(postIds.slice(i, i + 500)) });
      const labelIds = [...new Set(links.map((l) => l.labelId))];
      const labels = labelIds.length
        ? new Map(
            (await this.dataSource.manager.findBy(Label, { workspaceId, id: In(labelIds) })).map((l) => [l.id, l]),
          )
        : new Map<string, Label>();
      for (const link of links) {
        const label = labels.get(link.labelId);
        if (label) out.set(link.postId, [...(out.get(link.postId) ?? []), { id: label.id, name: label.name }]);
      }
    }
    return out;
  }

  /** Posts each member created in [start, end): the members analytics' "posts created". */
  async createdByAuthor(workspaceId: string, start: Date, end: Date): Promise<Map<string, number>> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(Post, 'p')
      .select('p.authorId', 'authorId')
      .addSelect('COUNT(*)', 'posts')
      .where('p.workspaceId = :workspaceId', { workspaceId })
      .andWhere('p.createdAt >= :start AND p.createdAt < :end', { start, end })
      .andWhere('p.authorId IS NOT NULL')
      .groupBy('p.authorId')
      .getRawMany<{ authorId: string; posts: string | number }>();
    return new Map(rows.map((r) => [r.authorId, Number(r.posts)]));
  }
}
