import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { RoleFormComponent } from './role-form.component';
import { RolesStore } from './roles.store';
import { IconComponent } from '../shared/icon.component';

@Component({
  selector: 'so-roles',
  imports: [IconComponent, BannerComponent, ConfirmButtonComponent, RoleFormComponent],
  providers: [RolesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Roles</h1>
    <p class="muted">What each role may do in this workspace. Built-in roles are fixed; Owners can add custom roles.</p>
    <so-banner [message]="store.error()" />
    <so-banner [message]="policyError()" />
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
                      <so-icon class="yes" name="check" label="allowed" />
                    } @else {
                      <so-icon class="muted" name="minus" label="not allowed" />
                    }
                  </td>
                }
              </tr>
            }
            <tr>
              <th scope="row">
                Posts need approval<br /><span class="muted small"
                  >Scheduled posts by this role wait in Pending approval first</span
                >
              </th>
              @for (role of roles; track role.id) {
                <td class="center">
                  <input
                    type="checkbox"
                    [attr.aria-label]="'Posts by ' + role.name + ' need approval'"
                    [checked]="approvalRoles().includes(role.id)"
                    [disabled]="!canSetPolicy()"
                    (change)="setNeedsApproval(role.id, $any($event.target).checked)"
                  />
                </td>
              }
            </tr>
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
  /** The approval policy is a workspace setting (workspace:write), shown here per role as well. */
  readonly canSetPolicy = computed(() => this.workspaces.can('workspace:write'));
  readonly approvalRoles = computed(() => this.workspaces.current()?.approvalPolicy.roles ?? []);
  readonly policyError = signal<string | null>(null);

  async setNeedsApproval(roleId: string, on: boolean): Promise<void> {
    const policy = this.workspaces.current()?.approvalPolicy ?? { required: false, roles: [] };
    const roles = on ? [...policy.roles, roleId] : policy.roles.filter((r) => r !== roleId);
    this.policyError.set(null);
    try {
      await this.workspaces.update({ approvalPolicy: { required: policy.required, roles } });
    } catch (error) {
      this.policyError.set(problemText(error));
    }
  }

  ngOnInit(): Promise<void> {
    return this.store.load();
  }
}
