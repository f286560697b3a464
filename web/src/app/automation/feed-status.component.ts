import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { FeedStatusView } from '@socialorchestrator/rule-nodes';
import { WhenPipe } from '../shared/format';

/**
 * The health of an automation's feed triggers: when each feed was last checked, what went wrong,
 * and when it is tried again. A feed that cannot be read starts no run, so this is where it shows.
 */
@Component({
  selector: 'so-feed-status',
  imports: [WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      .feed + .feed {
        border-top: 1px solid var(--border, #ddd);
        margin-top: 8px;
        padding-top: 8px;
      }
      .feed p {
        margin: 4px 0;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 8px;
      }
      .url {
        overflow-wrap: anywhere;
      }
    `,
  ],
  template: `
    <section class="card" aria-label="Feed status">
      @for (row of rows(); track row.nodeId) {
        <div class="feed" [attr.data-node]="row.nodeId">
          <p class="head">
            <strong>Feed {{ row.nodeId }}</strong>
            @if (row.status; as s) {
              <span class="chip" [attr.data-status]="s.error ? 'failed' : 'succeeded'">{{
                s.error ? 'Failing' : 'OK'
              }}</span>
              <span class="muted small url">{{ s.feedUrl }}</span>
            } @else {
              <span class="chip" data-status="queued">Not checked yet</span>
            }
          </p>
          @if (row.status; as s) {
            @if (s.error) {
              <p class="field-error" role="alert">{{ s.error }}</p>
              <p class="small">
                Last checked {{ s.checkedAt | when }} · {{ s.failures }} failed check{{
                  s.failures === 1 ? '' : 's'
                }}
                in a row · next try {{ s.nextCheckAt | when }}
                @if (s.lastOkAt) {
                  · last read {{ s.lastOkAt | when }}
                }
              </p>
              <p class="muted small">
                No runs start from this feed until it can be read; it is tried less often while it keeps failing.
              </p>
            } @else {
              <p class="small">
                Last checked {{ s.checkedAt | when }} · {{ s.items }} item{{ s.items === 1 ? '' : 's' }} read · next
                check {{ s.nextCheckAt | when }}
              </p>
            }
            @if (s.skipped.length) {
              <details>
                <summary class="small">
                  {{ s.skipped.length }} item{{ s.skipped.length === 1 ? '' : 's' }} left out
                </summary>
                <ul class="small">
                  @for (skipped of s.skipped; track $index) {
                    <li>{{ skipped.item }}: {{ skipped.reason }}</li>
                  }
                </ul>
              </details>
            }
          } @else {
            <p class="muted small">It is checked once the automation is published and on.</p>
          }
        </div>
      }
    </section>
  `,
})
export class FeedStatusComponent {
  /** The feed trigger nodes on the canvas, and the statuses the server has for them. */
  readonly nodeIds = input.required<string[]>();
  readonly feeds = input.required<FeedStatusView[]>();

  readonly rows = computed(() =>
    this.nodeIds().map((nodeId) => ({ nodeId, status: this.feeds().find((f) => f.nodeId === nodeId) ?? null })),
  );
}
