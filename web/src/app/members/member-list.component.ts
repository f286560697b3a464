import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { Member } from '../core/api.types';
import { AuthService } from '../core/auth.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { WhenPipe } from '../shared/format';
import { MembersStore } from './members.store';

/** The members table: role changes and removal for those who may manage the team. */
@Component({
  selector: 'so-member-list',
  imports: [WhenPipe, BannerComponent, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <so-banner [message]="store.actionError()" />
      @if (store.members(); as members) {
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
            @for (m of members; track m.userId) {
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
                    <select (change)="changeRole(m, $any($event.target))" [attr.aria-label]="'Role of ' + m.name">
                      <!-- [selected] per option: a [value] on the select is applied before its options exist. -->
                      @for (role of rolesFor(m); track role.id) {
                        <option [value]="role.id" [selected]="role.id === m.role">{{ role.name }}</option>
                      }
                    </select>
                  } @else {
                    {{ m.roleName }}
                  }
                </td>
                <td>{{ m.joinedAt | when }}</td>
                <td class="actions-cell">
                  @if (canManage()) {
                    <so-confirm-button
                      label="Remove"
                      [ariaLabel]="'Remove ' + m.name"
                      [question]="'Remove ' + m.name + '?'"
                      detail="They lose access to this workspace at once. Their posts and history stay."
                      confirmLabel="Remove member"
                      (confirmed)="store.removeMember(m)"
                    />
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="muted" role="status">Loading members…</p>
      }
    </section>
  `,
})
export class MemberListComponent {
  readonly store = inject(MembersStore);
  readonly auth = inject(AuthService);
  readonly canManage = input.required<boolean>();

  /** The roles the caller may give, and the member's own (shown selected even when above the caller's). */
  rolesFor(member: Member) {
    return this.store.roles().filter((r) => r.id === member.role || this.store.grantableRoles().includes(r));
  }

  async changeRole(member: Member, select: HTMLSelectElement): Promise<void> {
    // A refused change (e.g. the last Owner) leaves the model as it was, so put the select back too.
    if (!(await this.store.changeRole(member, select.value))) select.value = member.role;
  }
}
