import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { InviteFormComponent } from './invite-form.component';
import { MemberListComponent } from './member-list.component';
import { MembersStore } from './members.store';
import { PendingInvitesComponent } from './pending-invites.component';

@Component({
  selector: 'so-members',
  imports: [BannerComponent, InviteFormComponent, MemberListComponent, PendingInvitesComponent],
  providers: [MembersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Members & invites</h1>
    <so-banner [message]="store.loadError()" />
    @if (canManage()) {
      <so-invite-form />
    }
    <so-member-list [canManage]="canManage()" />
    <so-pending-invites [canManage]="canManage()" />
  `,
})
export class MembersPage implements OnInit {
  private readonly workspaces = inject(WorkspaceService);
  readonly store = inject(MembersStore);
  readonly canManage = computed(() => this.workspaces.can('members:write'));

  ngOnInit(): Promise<void> {
    return this.store.load();
  }
}
