import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { findPage, mapPage, type Page, type PageQuery } from '../common/pagination';
import type { VariantInputDto } from '../posts/posts.dto';
import { PostTemplate } from './post-template.entity';
import type { CreatePostTemplateDto, PostTemplateDto, UpdatePostTemplateDto } from './post-templates.dto';

const view = (t: PostTemplate): PostTemplateDto => ({
  id: t.id,
  name: t.name,
  title: t.title,
  text: t.text,
  labels: t.labels,
  variants: t.variants as VariantInputDto[],
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

/** Posts kept as templates: a new post starts from one in the composer (no schedule is kept). */
@Injectable()
export class PostTemplates {
  constructor(@InjectRepository(PostTemplate) private readonly templates: Repository<PostTemplate>) {}

  async list(workspaceId: string, query: PageQuery): Promise<Page<PostTemplateDto>> {
    return mapPage(await findPage(this.templates, { workspaceId }, query), view);
  }

  async get(workspaceId: string, id: string): Promise<PostTemplateDto> {
    return view(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, input: CreatePostTemplateDto): Promise<PostTemplateDto> {
    const template = this.templates.create({
      id: newId(),
      workspaceId,
      name: input.name,
      title: input.title?.trim() || null,
      text: input.text,
      labels: [...new Set(input.labels ?? [])],
      variants: input.variants ?? [],
    });
    await this.templates.insert(template);
    return this.get(workspaceId, template.id);
  }

  async update(workspaceId: string, id: string, input: UpdatePostTemplateDto): Promise<PostTemplateDto> {
    await this.find(workspaceId, id);
    await this.templates.update(
      { id, workspaceId },
      {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.title !== undefined && { title: input.title.trim() || null }),
        ...(input.text !== undefined && { text: input.text }),
        ...(input.labels !== undefined && { labels: [...new Set(input.labels)] }),
        ...(input.variants !== undefined && { variants: input.variants }),
      },
    );
    return this.get(workspaceId, id);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    const { affected } = await this.templates.delete({ id, workspaceId });
    if (!affected) throw notFound('Post template');
  }

  private async find(workspaceId: string, id: string): Promise<PostTemplate> {
    const template = await this.templates.findOneBy({ id, workspaceId });
    if (!template) throw notFound('Post template');
    return template;
  }
}
