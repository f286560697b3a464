import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { HomeDto } from './home.dto';
import { HomeService } from './home.service';

/** The page a member lands on: what goes out next, what failed, what waits for them, and first steps. */
@ApiTags('home')
@Controller('api/v1/home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: HomeDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @CurrentPrincipal() principal: Principal): Promise<HomeDto> {
    return this.home.home(workspace, principal.userId);
  }
}
