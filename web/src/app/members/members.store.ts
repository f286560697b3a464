import { computed, inject, Injectable, signal } from '@angular/core';
import type { Invite, Member, Role } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { TeamApi } from './team.api';

/**
 * State of the Members & invites page: the team, pending invites, the roles to pick from and the
 * invite just sent (its link is shown once, beside the form). Provided by the page.
 */
@Injectable()
export class MembersStore {
  private readonly api = inject(TeamApi);
  private readonly workspaces = inject(WorkspaceService);
  private readonly _members = signal<Member[] | null>(null);
  private readonly _invites = signal<Invite[] | null>(null);
  private readonly _roles = signal<Role[]>([]);
  private readonly _lastInvite = signal<Invite | null>(null);
  private readonly _loadError = signal<string | null>(null);
  private readonly _actionError = signal<string | null>(null);

  readonly members = this._members.asReadonly();
  readonly invites = this._invites.asReadonly();
  readonly roles = this._roles.asReadonly();
  /**
   * Roles the signed-in member may give: those holding only permissions they hold themselves (the
   * API refuses the others). The Owner role holds every permission, so only Owners give it.
   */
  readonly grantableRoles = computed(() =>
    this._roles().filter((r) => r.permissions.every((p) => this.workspaces.can(p))),
  );
  readonly lastInvite = this._lastInvite.asReadonly();
  /** The page could not load. */
  readonly loadError = this._loadError.asReadonly();
  /** A change was refused (e.g. the last-owner rule); shown above the members table. */
  readonly actionError = this._actionError.asReadonly();

  roleName(id: string): string {
    return this._roles().find((r) => r.id === id)?.name ?? id;
  }

  async load(): Promise<void> {
    try {
      const [members, invites, roles] = await Promise.all([this.api.members(), this.api.invites(), this.api.roles()]);
      this._members.set(members);
      this._invites.set(invites);
      this._roles.set(roles);
      this._loadError.set(null);
    } catch (error) {
      this._loadError.set(problemText(error));
    }
  }

  /** Sends an invite; rejects with the API error so the form can place field messages. */
  async invite(email: string, role: string): Promise<void> {
    this._lastInvite.set(null);
    this._lastInvite.set(await this.api.invite(email, role));
    this._invites.set(await this.api.invites());
  }

  /** True when the change was accepted. */
  changeRole(member: Member, role: string): Promise<boolean> {
    return this.act(() => this.api.changeRole(member.userId, role));
  }

  removeMember(member: Member): Promise<boolean> {
    return this.act(() => this.api.remove(member.userId));
  }

  revokeInvite(invite: Invite): Promise<boolean> {
    return this.act(() => this.api.revokeInvite(invite.id));
  }

  private async act(action: () => Promise<unknown>): Promise<boolean> {
    this._actionError.set(null);
    let ok = true;
    try {
      await action();
    } catch (error) {
      this._actionError.set(problemText(error));
      ok = false;
    }
    await this.load();
    return ok;
  }
}
