import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators';
import { NetworkDirectory } from './network-directory';
import { NetworkRulesListDto } from './networks.dto';

/**
 * Every network: which post types it takes (media, poll and title limits), how it connects, its
 * colour, and whether this server is configured for it.
 */
@ApiTags('accounts')
@Controller('api/v1/networks')
export class NetworksController {
  constructor(private readonly directory: NetworkDirectory) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: NetworkRulesListDto })
  list(): NetworkRulesListDto {
    return { items: this.directory.list() };
  }
}
