import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { IdentityModule } from '../identity/identity.module';
import { CustomRole } from './custom-role.entity';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { Membership } from './membership.entity';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';
import { WorkspaceAccessService } from './workspace-access.service';
import { Workspace } from './workspace.entity';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Workspace, Membership, CustomRole]),
    IdentityModule,
    ActivityModule,
    ApiKeysModule,
  ],
  controllers: [WorkspacesController, MembersController, RolesController],
  providers: [WorkspacesService, MembersService, RolesService, WorkspaceAccessService],
  exports: [WorkspacesService, MembersService, RolesService, WorkspaceAccessService],
})
export class WorkspacesModule {}
