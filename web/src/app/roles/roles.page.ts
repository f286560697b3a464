import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { PermissionInfo, Role } from '../core/api.types';
import { FormErrors, toProblem } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { TeamService } from '../members/team.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { FieldErrorComponent } from '../shared/field-error.component';

@Component({
  selector: 'so-roles',
  imports: [FormsModule, BannerComponent, FieldErrorComponent, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Roles</h1>
    <p class="muted">What each role may do in this workspace. Built-in roles are fixed; Owners can add custom roles.</p>
    <so-banner [message]="error()" />
    @if (roles() === null) {
      <p class="muted" role="status">Loading roles…</p>
    } @else {
      <div class="table-scroll card">
        <table class="matrix">
          <thead>
            <tr>
              <th scope="col">Permission</th>
              @for (role of roles(); track role.id) {
                <th scope="col">
                  {{ role.name }}
                  @if (!role.builtIn && canWrite()) {
                    <so-confirm-button
                      label="Delete"
                      [ariaLabel]="'Delete role ' + role.name"
                      [question]="'Delete the role ' + role.name + '?'"
                      detail="Only roles nobody holds can be deleted."
                      confirmLabel="Delete role"
                      (confirmed)="remove(role)"
                    />
                  }
                </th>
              }
            </tr>
          </thead>
          <tbody>
            @for (p of permissions(); track p.name) {
              <tr>
                <th scope="row">
                  <code>{{ p.name }}</code><br /><span class="muted small">{{ p.description }}</span>
                </th>
                @for (role of roles(); track role.id) {
                  <td class="center">
                    @if (role.permissions.includes(p.name)) {
                      <span aria-label="allowed">✓</span>
                    } @else {
                      <span class="muted" aria-label="not allowed">–</span>
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    }

    @if (canWrite()) {
      <section class="card">
        <h2>New custom role</h2>
        <so-banner [message]="errors.banner()" />
        <form (ngSubmit)="create()" novalidate>
          <label for="role-name">Name</label>
          <input
            id="role-name"
            name="name"
            [(ngModel)]="name"
            placeholder="Community manager"
            aria-describedby="role-name-error"
          />
          <so-field-error errorId="role-name-error" [message]="errors.field('name')" />
          <fieldset class="checklist">
            <legend>Permissions</legend>
            @for (p of permissions(); track p.name) {
              <label class="check"
                ><input type="checkbox" [checked]="chosen().has(p.name)" (change)="toggle(p.name)" />
                <code>{{ p.name }}</code> <span class="muted">{{ p.description }}</span></label
              >
            }
          </fieldset>
          <so-field-error errorId="role-perms-error" [message]="errors.field('permissions')" />
          <button class="primary" type="submit" [disabled]="busy()">Create role</button>
        </form>
      </section>
    }
  `,
})
export class RolesPage implements OnInit {
  private readonly team = inject(TeamService);
  private readonly workspaces = inject(WorkspaceService);
  readonly roles = signal<Role[] | null>(null);
  readonly permissions = signal<PermissionInfo[]>([]);
  readonly chosen = signal(new Set<string>());
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  readonly canWrite = computed(() => this.workspaces.can('roles:write'));
  name = '';

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  toggle(permission: string): void {
    const next = new Set(this.chosen());
    if (!next.delete(permission)) next.add(permission);
    this.chosen.set(next);
  }

  async create(): Promise<void> {
    const fields: Record<string, string> = {};
    if (!this.name.trim()) fields['name'] = 'Give the role a name';
    if (!this.chosen().size) fields['permissions'] = 'Choose at least one permission';
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      await this.team.createRole(this.name.trim(), [...this.chosen()]);
      this.name = '';
      this.chosen.set(new Set());
      await this.reload();
    } catch (error) {
      this.errors.fromError(error, ['name', 'permissions']);
    } finally {
      this.busy.set(false);
    }
  }

  async remove(role: Role): Promise<void> {
    this.error.set(null);
    try {
      await this.team.deleteRole(role.id);
    } catch (error) {
      const problem = toProblem(error);
      this.error.set([problem.title, problem.detail].filter(Boolean).join(' — '));
    }
    await this.reload();
  }

  private async reload(): Promise<void> {
    try {
      const [roles, permissions] = await Promise.all([this.team.roles(), this.team.permissions()]);
      this.roles.set(roles);
      this.permissions.set(permissions);
    } catch (error) {
      this.error.set(toProblem(error).title);
    }
  }
}
