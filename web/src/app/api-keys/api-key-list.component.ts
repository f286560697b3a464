import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { WhenPipe } from '../shared/format';
import { ApiKeysStore } from './api-keys.store';

@Component({
  selector: 'so-api-key-list',
  imports: [WhenPipe, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Active keys</h2>
      @if (store.keys(); as keys) {
        @if (keys.length) {
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (k of keys; track k.id) {
                <tr>
                  <td>
                    {{ k.name }}<br /><span class="muted small">by {{ k.createdBy?.name ?? 'a former member' }}</span>
                  </td>
                  <td>
                    <code>{{ k.prefix }}_…</code>
                  </td>
                  <td>
                    @for (s of k.scopes; track s) {
                      <span class="tag">{{ s }}</span>
                    }
                  </td>
                  <td>{{ k.createdAt | when }}</td>
                  <td>{{ k.lastUsedAt ? (k.lastUsedAt | when) : 'Never' }}</td>
                  <td class="actions-cell">
                    @if (canRevoke()) {
                      <so-confirm-button
                        label="Revoke"
                        [ariaLabel]="'Revoke key ' + k.name"
                        [question]="'Revoke ' + k.name + '?'"
                        detail="Requests with this key fail at once. This cannot be undone."
                        confirmLabel="Revoke key"
                        (confirmed)="store.revoke(k)"
                      />
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p class="muted">No API keys yet.</p>
        }
      } @else {
        <p class="muted" role="status">Loading keys…</p>
      }
    </section>
  `,
})
export class ApiKeyListComponent {
  readonly store = inject(ApiKeysStore);
  readonly canRevoke = input.required<boolean>();
}
