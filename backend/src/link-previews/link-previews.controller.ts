import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators';
import { LinkPreviewDto, LinkPreviewQueryDto } from './link-preview.dto';
import { LinkPreviews } from './link-previews.service';

@ApiTags('posts')
@Controller('api/v1/link-preview')
export class LinkPreviewsController {
  constructor(private readonly previews: LinkPreviews) {}

  /** The card a link makes in a post: its page's title, description and image (og: tags). */
  @Get()
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: LinkPreviewDto })
  preview(@Query() query: LinkPreviewQueryDto): Promise<LinkPreviewDto> {
    return this.previews.preview(query.url);
  }
}
