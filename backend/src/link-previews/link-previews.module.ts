import { Module } from '@nestjs/common';
import { LinkPreviewsController } from './link-previews.controller';
import { LinkPreviews } from './link-previews.service';

/** Link cards for the composer, read from the linked page. */
@Module({
  controllers: [LinkPreviewsController],
  providers: [LinkPreviews],
  exports: [LinkPreviews],
})
export class LinkPreviewsModule {}
