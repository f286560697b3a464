import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { RoleFormComponent } from './role-form.component';
import { RolesStore } from './roles.store';

@Component({
  selector: 'so-roles',
  imports: [BannerComponent, ConfirmButtonComponent, RoleFormComponent],
  providers: [RolesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Roles</h1>
    <p class="muted">What each role may do in this workspace. Built-in roles are fixed; Owners can add custom roles.</p>
    <so-banner [message]="store.error()" />
    @if (store.roles(); as roles) {
      <div class="table-scroll card">
        <table class="matrix">
          <caption class="visually-hidden">
            Permissions of each role
          </caption>
          <thead>
            <tr>
              <th scope="col">Permission</th>
              @for (role of roles; track role.id) {
                <th scope="col" class="center">
                  {{ role.name }}
                  @if (!role.builtIn) {
                    <span class="tag">custom</span>
                    @if (canWrite()) {
                      <so-confirm-button
                        label="Delete"
                        [ariaLabel]="'Delete role ' + role.name"
                        [question]="'Delete the role ' + role.name + '?'"
                        detail="Only roles nobody holds can be deleted."
                        confirmLabel="Delete role"
                        (confirmed)="store.remove(role)"
                      />
                    }
                  }
                </th>
              }
            </tr>
          </thead>
          <tbody>
            @for (p of store.permissions(); track p.name) {
              <tr>
                <th scope="row">
                  <code>{{ p.name }}</code><br /><span class="muted small">{{ p.description }}</span>
                </th>
                @for (role of roles; track role.id) {
                  <td class="center">
                    @if (role.permissions.includes(p.name)) {
                      <span class="yes" role="img" aria-label="allowed">✓</span>
                    } @else {
                      <span class="muted" role="img" aria-label="not allowed">–</span>
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (!store.error()) {
      <p class="muted" role="status">Loading roles…</p>
    }

    @if (canWrite()) {
      <so-role-form />
    }
  `,
})
export class RolesPage implements OnInit {
  private readonly workspaces = inject(WorkspaceService);
  readonly store = inject(RolesStore);
  readonly canWrite = computed(() => this.workspaces.can('roles:write'));

  ngOnInit(): Promise<void> {
    return this.store.load();
  }
}
