import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { inTransaction } from '../database/transactions';
import { MediaError } from './media.errors';
import { CreateMediaFolderDto, MediaFolderDto, MediaFoldersDto, UpdateMediaFolderDto } from './media-folders.dto';
import { MediaFolder } from './media-folder.entity';
import { MediaItem } from './media-item.entity';

/** The library's folders: a tree per workspace, names unique among siblings. */
@Injectable()
export class MediaFolders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MediaFolder) private readonly folders: Repository<MediaFolder>,
    @InjectRepository(MediaItem) private readonly items: Repository<MediaItem>,
  ) {}

  /** Every folder with its item count (counted through ix_media_items_folder). */
  async list(workspaceId: string): Promise<MediaFoldersDto> {
    // A workspace has tens of folders, sorted here in the reader's order (the database would sort by bytes).
    const folders = (await this.folders.findBy({ workspaceId })).sort(
      (a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id),
    );
    const counts: Array<{ folderId: string; count: string | number }> = await this.items
      .createQueryBuilder('m')
      .select('m.folderId', 'folderId')
      .addSelect('COUNT(*)', 'count')
      .where('m.workspaceId = :workspaceId', { workspaceId })
      .andWhere('m.folderId IS NOT NULL')
      .groupBy('m.folderId')
      .getRawMany();
    const byFolder = new Map(counts.map((c) => [c.folderId, Number(c.count)]));
    return { items: folders.map((f) => this.dto(f, byFolder.get(f.id) ?? 0)) };
  }

  async create(workspaceId: string, input: CreateMediaFolderDto): Promise<MediaFolderDto> {
    const parentId = input.parentId ?? null;
    if (parentId) await this.existing(workspaceId, parentId, 'parentId');
    await this.assertFree(workspaceId, parentId, input.name);
    const folder = this.folders.create({ id: newId(), workspaceId, name: input.name, parentId });
    await this.folders.insert(folder);
    return this.dto(await this.folders.findOneByOrFail({ id: folder.id }), 0);
  }

  async update(workspaceId: string, id: string, input: UpdateMediaFolderDto): Promise<MediaFolderDto> {
    const folder = await this.find(workspaceId, id);
    const parentId = input.parentId === undefined ? folder.parentId : input.parentId;
    if (parentId && parentId !== folder.parentId) await this.assertNotInside(workspaceId, folder.id, parentId);
    const name = input.name ?? folder.name;
    if (name !== folder.name || parentId !== folder.parentId) await this.assertFree(workspaceId, parentId, name, id);
    await this.folders.update({ id, workspaceId }, { name, parentId });
    return this.dto({ ...folder, name, parentId }, await this.items.countBy({ workspaceId, folderId: id }));
  }

  /** Its items move to the root; its sub-folders move up to its parent. */
  async remove(workspaceId: string, id: string): Promise<void> {
    const folder = await this.find(workspaceId, id);
    await inTransaction(this.dataSource, async (em) => {
      await em.update(MediaItem, { workspaceId, folderId: id }, { folderId: null });
      await em.update(MediaFolder, { workspaceId, parentId: id }, { parentId: folder.parentId });
      await em.delete(MediaFolder, { id, workspaceId });
    });
  }

  private async find(workspaceId: string, id: string): Promise<MediaFolder> {
    const folder = await this.folders.findOneBy({ id, workspaceId });
    if (!folder) throw notFound('Media folder');
    return folder;
  }

  /** A folder an item or folder is to go into; `field` names the request field that chose it. */
  async existing(workspaceId: string, id: string, field: string): Promise<MediaFolder> {
    const folder = await this.folders.findOneBy({ id, workspaceId });
    if (!folder) {
      throw new MediaError('FOLDER_MISSING', undefined, [{ field, message: 'is not a folder of this workspace' }]);
    }
    return folder;
  }

  /** Walks up from the new parent: meeting the folder itself would make a loop. */
  private async assertNotInside(workspaceId: string, id: string, parentId: string): Promise<void> {
    for (let at: string | null = parentId; at;) {
      if (at === id) {
        throw new MediaError('FOLDER_CYCLE', undefined, [
          { field: 'parentId', message: 'is the folder itself or one inside it' },
        ]);
      }
      at = (await this.existing(workspaceId, at, 'parentId')).parentId;
    }
  }

  private async assertFree(workspaceId: string, parentId: string | null, name: string, self?: string) {
    const siblings = await this.folders.findBy({ workspaceId, parentId: parentId ?? IsNull() });
    if (siblings.some((s) => s.id !== self && s.name.toLowerCase() === name.toLowerCase())) {
      throw new MediaError('FOLDER_EXISTS', `A folder named "${name}" is already there`, [
        { field: 'name', message: 'is already used by a folder beside it' },
      ]);
    }
  }

  private dto(folder: MediaFolder, itemCount: number): MediaFolderDto {
    return { id: folder.id, name: folder.name, parentId: folder.parentId, itemCount };
  }
}
