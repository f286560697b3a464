import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { problemText } from '../core/form-errors';
import { AutomationsApi } from './automations.api';

/** Starts the published version at a trigger node with a sample payload, then opens the run. */
@Component({
  selector: 'so-test-run',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details>
      <summary>Test this trigger</summary>
      <label [for]="'test-payload-' + nodeId()">Sample payload (JSON)</label>
      <textarea
        [id]="'test-payload-' + nodeId()"
        rows="4"
        [value]="payload()"
        (input)="payload.set($any($event.target).value)"
      ></textarea>
      <p class="muted small">Runs the published version; publish your changes first.</p>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <button type="button" (click)="start()" [disabled]="busy() || !published()">Run a test</button>
    </details>
  `,
})
export class TestRunComponent {
  private readonly api = inject(AutomationsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  readonly automationId = input.required<string>();
  readonly nodeId = input.required<string>();
  readonly published = input(false);
  readonly payload = signal('{\n  "title": "Hello",\n  "link": "https://example.com/hello"\n}');
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);

  async start(): Promise<void> {
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(this.payload() || '{}') as Record<string, unknown>;
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error();
    } catch {
      this.error.set('The payload must be a JSON object, e.g. {"title": "Hello"}');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { runId } = await this.api.test(this.automationId(), this.nodeId(), payload);
      await this.router.navigate(['runs'], { relativeTo: this.route, queryParams: { run: runId } });
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
