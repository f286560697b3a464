import { inject, Injectable, signal } from '@angular/core';
import type { PermissionInfo, Role } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { TeamApi } from '../members/team.api';

/** Roles of the workspace and the permission catalogue they draw from. Provided by the page. */
@Injectable()
export class RolesStore {
  private readonly api = inject(TeamApi);
  private readonly _roles = signal<Role[] | null>(null);
  private readonly _permissions = signal<PermissionInfo[]>([]);
  private readonly _error = signal<string | null>(null);

  readonly roles = this._roles.asReadonly();
  readonly permissions = this._permissions.asReadonly();
  readonly error = this._error.asReadonly();

  async load(): Promise<void> {
    try {
      const [roles, permissions] = await Promise.all([this.api.roles(), this.api.permissions()]);
      this._roles.set(roles);
      this._permissions.set(permissions);
    } catch (error) {
      this._error.set(problemText(error));
    }
  }

  /** Rejects with the API error so the form can place field messages. */
  async create(name: string, permissions: string[]): Promise<void> {
    await this.api.createRole(name, permissions);
    await this.load();
  }

  async remove(role: Role): Promise<void> {
    this._error.set(null);
    try {
      await this.api.deleteRole(role.id);
    } catch (error) {
      this._error.set(problemText(error));
    }
    await this.load();
  }
}
