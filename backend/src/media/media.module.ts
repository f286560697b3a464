import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaItem } from './media-item.entity';
import { MediaLibrary } from './media-library.service';
import { MEDIA_STORE, mediaStoreProvider } from './media-store.provider';

@Module({
  imports: [TypeOrmModule.forFeature([MediaItem])],
  providers: [mediaStoreProvider, MediaLibrary],
  exports: [MediaLibrary, MEDIA_STORE],
})
export class MediaModule {}
