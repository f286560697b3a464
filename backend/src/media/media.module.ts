import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { MediaController } from './media.controller';
import { MediaCopies } from './media-copies.service';
import { MediaCuration } from './media-curation.service';
import { MediaEdits } from './media-edits.service';
import { MediaFolder } from './media-folder.entity';
import { MediaFoldersController } from './media-folders.controller';
import { MediaFolders } from './media-folders.service';
import { MediaItem } from './media-item.entity';
import { MediaLibraryController } from './media-library.controller';
import { MediaLibrary } from './media-library.service';
import { MediaQueries } from './media-queries.service';
import { MEDIA_STORE, mediaStoreProvider } from './media-store.provider';
import { MediaTag } from './media-tag.entity';
import { MediaUploads } from './media-uploads.service';
import { MediaUsage } from './media-usage';
import { MediaViews } from './media-views';
import { MediaWriter } from './media-writer';

@Module({
  imports: [TypeOrmModule.forFeature([MediaItem, MediaFolder, MediaTag]), IdentityModule, WorkspacesModule],
  // The library's routes first: its GET /media/:id answers with the item's usage.
  controllers: [MediaLibraryController, MediaFoldersController, MediaController],
  providers: [
    mediaStoreProvider,
    MediaLibrary,
    MediaUploads,
    MediaViews,
    MediaWriter,
    MediaQueries,
    MediaCuration,
    MediaFolders,
    MediaEdits,
    MediaCopies,
    MediaUsage,
  ],
  exports: [MediaLibrary, MediaUploads, MediaUsage, MEDIA_STORE],
})
export class MediaModule {}
