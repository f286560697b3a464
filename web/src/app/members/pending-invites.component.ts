import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { WhenPipe } from '../shared/format';
import { MembersStore } from './members.store';

@Component({
  selector: 'so-pending-invites',
  imports: [WhenPipe, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="pending-heading">
      <h2 id="pending-heading">Pending invites</h2>
      @if (store.invites(); as invites) {
        @if (invites.length) {
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
              @for (i of invites; track i.id) {
                <tr>
                  <td>{{ i.email }}</td>
                  <td>{{ store.roleName(i.role) }}</td>
                  <td>{{ i.expiresAt | when }}</td>
                  <td class="actions-cell">
                    @if (canManage()) {
                      <so-confirm-button
                        label="Revoke"
                        [ariaLabel]="'Revoke invite for ' + i.email"
                        [question]="'Revoke the invite for ' + i.email + '?'"
                        detail="The link stops working. You can invite them again later."
                        confirmLabel="Revoke invite"
                        (confirmed)="store.revokeInvite(i)"
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
      } @else {
        <p class="muted" role="status">Loading invites…</p>
      }
    </section>
  `,
})
export class PendingInvitesComponent {
  readonly store = inject(MembersStore);
  readonly canManage = input.required<boolean>();
}
