import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { problemText } from '../../core/form-errors';
import { CopyButtonComponent } from '../../shared/copy-button.component';
import { WhenPipe } from '../../shared/format';
import type { Automation, GraphNode } from '../automation.types';
import { SampleStore, type SampleSource } from './sample-store';

/** How often a waiting test URL is asked whether its delivery came. */
const POLL_MS = 1500;

const SOURCE_TEXT: Record<string, string> = {
  fetch: "the feed's newest item",
  pasted: 'pasted JSON',
  'test-delivery': 'a test delivery',
  example: 'an example',
};

/**
 * A trigger's sample data, kept with the draft: fetched (RSS), a test delivery waited for
 * (webhook, with its URL and a ready curl), pasted JSON, or the type's example. The steps after
 * the trigger show its values in their field pickers, and a test of the draft runs on it.
 */
@Component({
  selector: 'so-sample-panel',
  imports: [CopyButtonComponent, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      .sample-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 6px 0;
      }
      pre {
        max-height: 220px;
        overflow: auto;
        font-size: 12px;
        background: var(--surface-2, #f6f6f8);
        padding: 6px;
        white-space: pre-wrap;
        word-break: break-word;
      }
      code.block {
        display: block;
        white-space: pre-wrap;
        word-break: break-all;
        font-size: 12px;
      }
    `,
  ],
  template: `
    <section class="sample" aria-label="Sample data">
      <h3>Sample data</h3>
      <p class="muted small">
        What the next steps see while you build: pick its fields in their texts. A test of the draft runs on it.
      </p>
      <div class="sample-actions">
        @if (node().type === 'rss-in') {
          <button type="button" (click)="take('fetch')" [disabled]="busy()">Fetch the latest item</button>
        }
        @if (node().type === 'webhook-in') {
          <button type="button" (click)="take('wait')" [disabled]="busy() || !!sample()?.waiting">
            Wait for a test delivery
          </button>
        }
        <button type="button" (click)="pasting.set(!pasting())" [attr.aria-expanded]="pasting()">Paste JSON</button>
        <button type="button" (click)="take('example')" [disabled]="busy()">Use an example</button>
        @if (sample()) {
          <button type="button" class="link" (click)="clear()" [disabled]="busy()">Clear</button>
        }
      </div>
      @if (pasting()) {
        <label [for]="'sample-json-' + node().id">Sample payload (JSON)</label>
        <textarea
          [id]="'sample-json-' + node().id"
          rows="5"
          [value]="pasted()"
          (input)="pasted.set($any($event.target).value)"
        ></textarea>
        <button type="button" (click)="paste()" [disabled]="busy()">Keep as sample</button>
      }
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      @if (sample()?.waiting; as waiting) {
        <div class="waiting" role="status">
          <p>
            <strong>Waiting for a test delivery…</strong> Send one JSON object to this test URL (no signature needed; it
            takes one delivery, until {{ waiting.until | when: 'time' }}):
          </p>
          <code class="block" data-test-url>{{ waiting.url }}</code>
          <so-copy-button [text]="waiting.url" label="Copy test URL" />
          <p class="small">Or paste this in a terminal:</p>
          <code class="block" data-curl>{{ waiting.curl }}</code>
          <so-copy-button [text]="waiting.curl" label="Copy curl" />
          @if (automation().hook; as hook) {
            <p class="muted small">
              Real deliveries go to <code>{{ hook.url }}</code>, signed.
            </p>
          }
        </div>
      }
      @if (sample()?.payload; as payload) {
        <p class="small">
          From {{ sourceText() }}
          @if (sample()?.capturedAt; as at) {
            , {{ at | when }}
          }
          :
        </p>
        <pre data-sample>{{ json(payload) }}</pre>
      } @else if (!sample()?.waiting) {
        <p class="muted small">No sample yet: the next steps show example values.</p>
      }
    </section>
  `,
})
export class SamplePanelComponent {
  private readonly store = inject(SampleStore);
  readonly automation = input.required<Automation>();
  readonly node = input.required<GraphNode>();

  readonly sample = computed(() => this.store.sampleOf(this.node().id));
  readonly sourceText = computed(() => SOURCE_TEXT[this.sample()?.source ?? ''] ?? '');
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly pasting = signal(false);
  readonly pasted = signal('{\n  "title": "Hello",\n  "link": "https://example.com/hello"\n}');
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.poll));
    // A trigger opened while its test URL still waits (a reload, another step selected meanwhile) keeps watching.
    effect(() => {
      if (this.sample()?.waiting && !this.poll) untracked(() => this.watch());
    });
  }

  async take(source: SampleSource, json?: unknown): Promise<void> {
    await this.act(async () => {
      const sample = await this.store.take(this.automation().id, this.node().id, source, json);
      if (sample.waiting) this.watch();
      if (source === 'pasted') this.pasting.set(false);
    });
  }

  paste(): void {
    let json: unknown;
    try {
      json = JSON.parse(this.pasted());
    } catch {
      this.error.set('The sample must be JSON, e.g. {"title": "Hello"}');
      return;
    }
    void this.take('pasted', json);
  }

  async clear(): Promise<void> {
    await this.act(() => this.store.clear(this.automation().id, this.node().id));
  }

  json(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }

  /** Polls while the test URL waits; stops when the delivery came, the wait ended or the panel closed. */
  private watch(): void {
    clearInterval(this.poll);
    const { id } = this.automation();
    const nodeId = this.node().id;
    const stop = () => {
      clearInterval(this.poll);
      this.poll = undefined;
    };
    this.poll = setInterval(async () => {
      try {
        if (!(await this.store.refresh(id, nodeId)).waiting) stop();
      } catch {
        stop();
      }
    }, POLL_MS);
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
