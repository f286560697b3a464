import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators';
import { NETWORK_CATALOGUE } from './network-catalogue';
import { NetworkRulesListDto } from './networks.dto';

/** The networks' rules as data: which post types each takes, with their media, poll and title limits. */
@ApiTags('accounts')
@Controller('api/v1/networks')
export class NetworksController {
  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: NetworkRulesListDto })
  list(): NetworkRulesListDto {
    return { items: NETWORK_CATALOGUE };
  }
}
