import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/access.decorators';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LIMITS } from './limits';

class LimitDto {
  @ApiProperty({ enum: Object.keys(LIMITS), description: 'Which limit (what limit_near notifications name)' })
  key: string;
  @ApiProperty({ example: 'API requests per API key' }) label: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) limit: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The window it counts in (null: at once)' })
  windowSeconds: number | null;
  @ApiProperty({ description: 'The page of the workspace that shows it', example: 'api-keys' }) page: string;
}

class LimitListDto {
  @ApiProperty({ type: [LimitDto], description: 'Limits in force (one set to 0, off, is left out)' })
  items: LimitDto[];
}

/**
 * The limits a workspace can reach, so the pages that limit_near notifications link to can show
 * them. Set by the server's configuration today; billing's plans will set them per workspace.
 */
@ApiTags('notifications')
@Controller('api/v1/limits')
export class LimitsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @RequirePermission('workspace:read')
  @ApiOkResponse({ type: LimitListDto })
  list(): LimitListDto {
    const items = Object.entries(LIMITS).map(([key, info]) => ({
      key,
      label: info.label,
      ...info.size(this.config),
      page: info.page,
    }));
    return { items: items.filter((l) => l.limit > 0) };
  }
}
