import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { CanvasRun } from './run-view/canvas-run.service';

/**
 * "Test": runs the draft (saved first) from this trigger on its sample, dry — nothing is posted or
 * sent — and draws the run on the canvas. A payload can be given instead of the sample.
 */
@Component({
  selector: 'so-test-run',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="test-run">
      <button type="button" class="primary" data-testid="test-draft" (click)="start()" [disabled]="canvasRun.busy()">
        Test the draft
      </button>
      <p class="muted small">
        Runs what is on the canvas on this trigger's sample. Posts, emails and webhooks are only simulated.
      </p>
      <details>
        <summary>Test with another payload</summary>
        <label [for]="'test-payload-' + nodeId()">Payload (JSON)</label>
        <textarea
          [id]="'test-payload-' + nodeId()"
          rows="4"
          [value]="payload()"
          (input)="payload.set($any($event.target).value)"
        ></textarea>
        <button type="button" (click)="start(true)" [disabled]="canvasRun.busy()">Test with this payload</button>
      </details>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
    </div>
  `,
})
export class TestRunComponent {
  readonly canvasRun = inject(CanvasRun);
  readonly automationId = input.required<string>();
  readonly nodeId = input.required<string>();
  /** Kept for the inspector's binding: a test runs the draft, published or not. */
  readonly published = input(false);
  readonly payload = signal('{\n  "title": "Hello",\n  "link": "https://example.com/hello"\n}');
  readonly error = signal<string | null>(null);

  async start(withPayload = false): Promise<void> {
    let payload: Record<string, unknown> | undefined;
    if (withPayload) {
      try {
        payload = JSON.parse(this.payload() || '{}') as Record<string, unknown>;
        if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error();
      } catch {
        this.error.set('The payload must be a JSON object, e.g. {"title": "Hello"}');
        return;
      }
    }
    this.error.set(null);
    await this.canvasRun.testDraft(this.automationId(), this.nodeId(), payload);
  }
}
