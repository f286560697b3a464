import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaController } from './media.controller';
import { MediaItem } from './media-item.entity';
import { MediaUploads } from './media-uploads.service';
import { MediaLibrary } from './media-library.service';
import { MEDIA_STORE, mediaStoreProvider } from './media-store.provider';

@Module({
  imports: [TypeOrmModule.forFeature([MediaItem])],
  controllers: [MediaController],
  providers: [mediaStoreProvider, MediaLibrary, MediaUploads],
  exports: [MediaLibrary, MediaUploads, MEDIA_STORE],
})
export class MediaModule {}
