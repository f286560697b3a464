import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { findPage, mapPage, type Page, type PageQuery } from '../common/pagination';
import { HashtagGroup } from './hashtag-group.entity';
import { HashtagsError } from './hashtags.errors';
import type { CreateHashtagGroupDto, HashtagGroupDto, UpdateHashtagGroupDto } from './hashtags.dto';

const view = (g: HashtagGroup): HashtagGroupDto => ({
  id: g.id,
  name: g.name,
  hashtags: g.hashtags,
  createdAt: g.createdAt,
  updatedAt: g.updatedAt,
});

/** Hashtags saved together for reuse in the composer. */
@Injectable()
export class HashtagGroups {
  constructor(@InjectRepository(HashtagGroup) private readonly groups: Repository<HashtagGroup>) {}

  async list(workspaceId: string, query: PageQuery): Promise<Page<HashtagGroupDto>> {
    return mapPage(await findPage(this.groups, { workspaceId }, query), view);
  }

  async create(workspaceId: string, input: CreateHashtagGroupDto): Promise<HashtagGroupDto> {
    await this.assertNameFree(workspaceId, input.name);
    const group = this.groups.create({ id: newId(), workspaceId, name: input.name, hashtags: unique(input.hashtags) });
    await this.groups.insert(group);
    return view(await this.groups.findOneByOrFail({ id: group.id }));
  }

  async update(workspaceId: string, id: string, input: UpdateHashtagGroupDto): Promise<HashtagGroupDto> {
    const group = await this.groups.findOneBy({ id, workspaceId });
    if (!group) throw notFound('Hashtag group');
    if (input.name !== undefined && input.name !== group.name) await this.assertNameFree(workspaceId, input.name, id);
    await this.groups.update(
      { id, workspaceId },
      {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.hashtags !== undefined && { hashtags: unique(input.hashtags) }),
      },
    );
    return view(await this.groups.findOneByOrFail({ id }));
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    const { affected } = await this.groups.delete({ id, workspaceId });
    if (!affected) throw notFound('Hashtag group');
  }

  private async assertNameFree(workspaceId: string, name: string, except?: string): Promise<void> {
    if (await this.groups.existsBy({ workspaceId, name, ...(except && { id: Not(except) }) }))
      throw new HashtagsError('GROUP_NAME_TAKEN', undefined, [
        { field: 'name', message: 'is already used by another hashtag group' },
      ]);
  }
}

/** Each tag once (case-insensitively), first spelling kept. */
const unique = (tags: string[]) =>
  tags.filter((tag, i) => tags.findIndex((t) => t.toLowerCase() === tag.toLowerCase()) === i);
