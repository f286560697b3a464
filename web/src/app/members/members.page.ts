import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { Invite, Member, Role } from '../core/api.types';
import { AuthService } from '../core/auth.service';
import { FormErrors, toProblem } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { EMAIL_PATTERN, when } from '../shared/format';
import { TeamService } from './team.service';

@Component({
  selector: 'so-members',
  imports: [ReactiveFormsModule, BannerComponent, FieldErrorComponent, ConfirmButtonComponent, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Members & invites</h1>
    <so-banner [message]="error()" />

    @if (canManage()) {
      <section class="card">
        <h2>Invite someone</h2>
        <so-banner [message]="inviteErrors.banner()" />
        <form [formGroup]="inviteForm" (ngSubmit)="invite()" novalidate class="inline-form">
          <div class="grow">
            <label for="invite-email">Email</label>
            <input
              id="invite-email"
              type="email"
              formControlName="email"
              placeholder="teammate@example.com"
              aria-describedby="invite-email-error"
            />
            <so-field-error errorId="invite-email-error" [message]="inviteErrors.field('email')" />
          </div>
          <div>
            <label for="invite-role">Role</label>
            <select id="invite-role" formControlName="role" aria-describedby="invite-role-error">
              @for (role of assignableRoles(); track role.id) {
                <option [value]="role.id">{{ role.name }}</option>
              }
            </select>
            <so-field-error errorId="invite-role-error" [message]="inviteErrors.field('role')" />
          </div>
          <div><button class="primary" type="submit" [disabled]="busy()">Send invite</button></div>
        </form>
        @if (lastInvite(); as sent) {
          <div class="banner success" role="status">
            Invite sent to {{ sent.email }}. They can also join with this link (valid until {{ when(sent.expiresAt) }}):
            <div class="secret">
              <code data-testid="invite-link">{{ sent.acceptUrl }}</code><so-copy-button
                [text]="sent.acceptUrl ?? ''"
              />
            </div>
          </div>
        }
      </section>
    }

    <section class="card">
      <h2>Members</h2>
      @if (members() === null) {
        <p class="muted" role="status">Loading members…</p>
      } @else {
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (m of members(); track m.userId) {
              <tr>
                <td>
                  {{ m.name }}
                  @if (m.userId === auth.user()?.id) {
                    <span class="tag">you</span>
                  }
                </td>
                <td>{{ m.email }}</td>
                <td>
                  @if (canManage()) {
                    <select (change)="changeRole(m, $any($event.target).value)" [attr.aria-label]="'Role of ' + m.name">
                      <!-- [selected] per option: a [value] on the select is applied before its options exist. -->
                      @for (role of roles(); track role.id) {
                        <option [value]="role.id" [selected]="role.id === m.role">{{ role.name }}</option>
                      }
                    </select>
                  } @else {
                    {{ m.roleName }}
                  }
                </td>
                <td>{{ when(m.joinedAt) }}</td>
                <td class="actions-cell">
                  @if (canManage()) {
                    <so-confirm-button
                      label="Remove"
                      [ariaLabel]="'Remove ' + m.name"
                      [question]="'Remove ' + m.name + '?'"
                      detail="They lose access to this workspace at once. Their posts and history stay."
                      confirmLabel="Remove member"
                      (confirmed)="remove(m)"
                    />
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>

    <section class="card">
      <h2>Pending invites</h2>
      @if (invites()?.length) {
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (i of invites(); track i.id) {
              <tr>
                <td>{{ i.email }}</td>
                <td>{{ roleName(i.role) }}</td>
                <td>{{ when(i.expiresAt) }}</td>
                <td class="actions-cell">
                  @if (canManage()) {
                    <so-confirm-button
                      label="Revoke"
                      [ariaLabel]="'Revoke invite for ' + i.email"
                      [question]="'Revoke the invite for ' + i.email + '?'"
                      detail="The link stops working. You can invite them again later."
                      confirmLabel="Revoke invite"
                      (confirmed)="revoke(i)"
                    />
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="muted">No pending invites.</p>
      }
    </section>
  `,
})
export class MembersPage implements OnInit {
  private readonly team = inject(TeamService);
  private readonly workspaces = inject(WorkspaceService);
  readonly auth = inject(AuthService);
  readonly when = when;
  readonly members = signal<Member[] | null>(null);
  readonly invites = signal<Invite[] | null>(null);
  readonly roles = signal<Role[]>([]);
  readonly lastInvite = signal<Invite | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly inviteErrors = new FormErrors();
  readonly canManage = computed(() => this.workspaces.can('members:write'));
  readonly assignableRoles = computed(() =>
    this.roles().filter((r) => r.id !== 'owner' || this.workspaces.current()?.role === 'owner'),
  );
  readonly inviteForm = new FormGroup({
    email: new FormControl('', { nonNullable: true }),
    role: new FormControl('editor', { nonNullable: true }),
  });

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  roleName(id: string): string {
    return this.roles().find((r) => r.id === id)?.name ?? id;
  }

  async invite(): Promise<void> {
    const { email, role } = this.inviteForm.getRawValue();
    const valid = EMAIL_PATTERN.test(email.trim());
    this.inviteErrors.set(valid ? {} : { email: 'Enter a valid email address' });
    if (!valid) return;
    this.busy.set(true);
    try {
      this.lastInvite.set(await this.team.invite(email.trim(), role));
      this.inviteForm.controls.email.reset();
      this.invites.set(await this.team.invites());
    } catch (error) {
      this.inviteErrors.fromError(error, ['email', 'role']);
    } finally {
      this.busy.set(false);
    }
  }

  async changeRole(member: Member, role: string): Promise<void> {
    await this.act(() => this.team.changeRole(member.userId, role));
  }

  async remove(member: Member): Promise<void> {
    await this.act(() => this.team.remove(member.userId));
  }

  async revoke(invite: Invite): Promise<void> {
    await this.act(() => this.team.revokeInvite(invite.id));
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    this.error.set(null);
    try {
      await action();
    } catch (error) {
      const problem = toProblem(error);
      this.error.set([problem.title, problem.detail].filter(Boolean).join(' — '));
    }
    await this.reload();
  }

  private async reload(): Promise<void> {
    try {
      const [members, invites, roles] = await Promise.all([
        this.team.members(),
        this.team.invites(),
        this.team.roles(),
      ]);
      this.members.set(members);
      this.invites.set(invites);
      this.roles.set(roles);
    } catch (error) {
      this.error.set(toProblem(error).title);
    }
  }
}
