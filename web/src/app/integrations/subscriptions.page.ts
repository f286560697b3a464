import { ChangeDetectionStrategy, Component, computed, inject, OnInit, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { DialogComponent } from '../shared/dialog.component';
import { WhenPipe } from '../shared/format';
import { SubscriptionFormComponent } from './subscription-form.component';
import { type Delivery, SubscriptionsStore } from './subscriptions.store';

/**
 * Integrations: the REST hook subscriptions Zapier, Make and n8n hold on this workspace, what each
 * target answered lately, turning a failing one back on, and deleting one.
 */
@Component({
  selector: 'so-subscriptions',
  imports: [
    RouterLink,
    BannerComponent,
    ConfirmButtonComponent,
    CopyButtonComponent,
    DialogComponent,
    WhenPipe,
    SubscriptionFormComponent,
  ],
  providers: [SubscriptionsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Integrations</h1>
    <p class="muted">
      Zapier, Make and n8n hear about what happens here through subscriptions: each event is POSTed to their address,
      signed (<code>X-Signature</code>), and retried when they are down. The routes are in the
      <a href="/api/docs" target="_blank" rel="noopener">API documentation</a>; examples for each tool are in
      <code>docs/integrations/zapier-make-n8n.md</code>.
    </p>
    <so-banner [message]="store.error()" />
    @if (canWrite()) {
      <so-subscription-form (created)="dialog().open()" />
    }
    <section class="card" aria-labelledby="subscriptions-heading">
      <h2 id="subscriptions-heading">Subscriptions</h2>
      @if (store.subscriptions(); as subscriptions) {
        @if (subscriptions.length) {
          <table class="subscriptions">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Sent to</th>
                <th scope="col">Status</th>
                <th scope="col">Latest deliveries</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (s of subscriptions; track s.id) {
                <tr [attr.data-subscription]="s.id">
                  <td>
                    <code>{{ s.event }}</code>
                  </td>
                  <td class="target">
                    {{ s.targetUrl }}<br /><span class="muted small">since {{ s.createdAt | when }}</span>
                  </td>
                  <td>
                    @if (s.status === 'active') {
                      <span class="tag status-sent">Active</span>
                      @if (s.consecutiveFailures) {
                        <br /><span class="muted small">{{ s.consecutiveFailures }} failed attempts in a row</span>
                      }
                    } @else {
                      <span class="tag status-failed">Turned off</span><br /><span class="small">{{
                        s.disabledReason
                      }}</span>
                    }
                  </td>
                  <td>
                    @if (s.recentDeliveries.length) {
                      <ul class="deliveries" [attr.aria-label]="'Latest deliveries to ' + s.targetUrl">
                        @for (d of s.recentDeliveries; track d.id) {
                          <li>
                            <span
                              class="tag"
                              [class.status-sent]="d.status === 'delivered'"
                              [class.status-failed]="d.status === 'failed'"
                            >
                              {{ answer(d) }}
                            </span>
                            <span class="small">{{ d.createdAt | when }}</span>
                            <span class="muted small">{{ outcome(d) }}</span>
                          </li>
                        }
                      </ul>
                    } @else {
                      <span class="muted small">Nothing sent yet</span>
                    }
                  </td>
                  <td class="actions-cell">
                    @if (canWrite()) {
                      @if (s.status === 'disabled') {
                        <button
                          type="button"
                          (click)="store.enable(s)"
                          [attr.aria-label]="'Turn back on ' + s.event + ' to ' + s.targetUrl"
                        >
                          Turn back on
                        </button>
                      }
                      <so-confirm-button
                        label="Delete"
                        [ariaLabel]="'Delete subscription ' + s.event + ' to ' + s.targetUrl"
                        [question]="'Stop sending ' + s.event + ' to this address?'"
                        detail="The Zap, scenario or workflow behind it stops hearing about it. This cannot be undone."
                        confirmLabel="Delete subscription"
                        (confirmed)="store.remove(s)"
                      />
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <div class="empty">
            <p><strong>No subscriptions yet.</strong></p>
            <p>
              <strong>Zapier</strong>: use an instant trigger built on this workspace's REST hooks; it subscribes and
              unsubscribes by itself with an <a routerLink="../api-keys">API key</a> holding
              <code>automations:write</code>.
            </p>
            <p>
              <strong>Make</strong>: add a <em>Webhooks → Custom webhook</em> trigger and paste its address above.
              <strong>n8n</strong>: do the same with a <em>Webhook</em> trigger node's production URL.
            </p>
            <p class="muted small">
              To create posts <em>from</em> those tools, call <code>POST /api/v1/posts</code> with an API key, or give
              an automation a Webhook trigger with the <em>Zapier / Make / n8n</em> sender.
            </p>
          </div>
        }
      } @else {
        <p class="muted" role="status">Loading subscriptions…</p>
      }
    </section>

    <so-dialog heading="Subscribed" (closed)="store.dismissSecret()">
      <p>
        Deliveries are signed with this secret: <code>X-Signature</code> is <code>sha256=</code> and the HMAC-SHA256 of
        <code>&lt;X-Timestamp&gt;.&lt;body&gt;</code>. Copy it now; it is not shown again.
      </p>
      <div class="secret">
        <code data-testid="subscription-secret">{{ store.revealed()?.secret }}</code>
        <so-copy-button [text]="store.revealed()?.secret ?? ''" />
      </div>
      <div class="actions"><button type="button" class="primary" (click)="dialog().close()">Done</button></div>
    </so-dialog>
  `,
  styles: `
    .target {
      word-break: break-all;
      max-width: 22rem;
    }
    .deliveries {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.2rem;
    }
    .deliveries li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      align-items: baseline;
    }
    .empty p {
      max-width: 60ch;
    }
  `,
})
export class SubscriptionsPage implements OnInit {
  private readonly workspaces = inject(WorkspaceService);
  readonly store = inject(SubscriptionsStore);
  readonly canWrite = computed(() => this.workspaces.can('automations:write'));
  readonly dialog = viewChild.required(DialogComponent);

  ngOnInit(): Promise<void> {
    return this.store.load();
  }

  /** The target's answer as a code ("200"), or what stood in for one. */
  answer(d: Delivery): string {
    if (d.responseStatus !== null) return String(d.responseStatus);
    return d.status === 'pending' && !d.attempts ? 'Queued' : 'No answer';
  }

  outcome(d: Delivery): string {
    const tries = d.attempts > 1 ? ` after ${d.attempts} attempts` : '';
    switch (d.status) {
      case 'delivered':
        return `Delivered${tries}`;
      case 'failed':
        return `Failed${tries}${d.responseExcerpt ? `: ${d.responseExcerpt.slice(0, 80)}` : ''}`;
      default:
        return d.attempts ? `Trying again (${d.attempts} so far)` : 'Waiting to be sent';
    }
  }
}
