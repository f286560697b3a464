import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { GraphNode, NodeErrorPolicy } from '../automation.types';

type Mode = NodeErrorPolicy['mode'];

/**
 * The "On error" part of a step's settings: stop the run (default), continue on the step's
 * `error` port (which then shows on its card, connectable like any other), or retry a few times
 * with a doubling wait. Bounds as the backend checks them (rule-nodes' RETRY_BOUNDS).
 */
@Component({
  selector: 'so-on-error-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      fieldset {
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
        padding: 6px 10px 10px;
        margin: 12px 0;
      }
      legend {
        font-weight: 600;
        padding: 0 4px;
      }
      .choice {
        display: flex;
        gap: 6px;
        align-items: flex-start;
        margin: 4px 0;
        font-weight: normal;
      }
      .choice input {
        width: auto;
        margin-top: 3px;
      }
      .retry {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
        margin-top: 6px;
      }
    `,
  ],
  template: `
    <fieldset>
      <legend>On error</legend>
      @for (choice of choices; track choice.mode) {
        <label class="choice">
          <input
            type="radio"
            [name]="'on-error-' + node().id"
            [value]="choice.mode"
            [checked]="mode() === choice.mode"
            (change)="setMode(choice.mode)"
          />
          <span
            >{{ choice.label }}<br /><span class="muted small">{{ choice.help }}</span></span
          >
        </label>
      }
      @if (mode() === 'retry') {
        <div class="retry">
          <label
            >Retries
            <input
              type="number"
              min="1"
              max="5"
              step="1"
              [id]="'on-error-retries-' + node().id"
              [value]="node().onError?.retries ?? 3"
              (change)="setNumber('retries', $any($event.target).value)"
            />
          </label>
          <label
            >First wait (seconds)
            <input
              type="number"
              min="1"
              max="60"
              step="1"
              [id]="'on-error-delay-' + node().id"
              [value]="node().onError?.delaySeconds ?? 5"
              (change)="setNumber('delaySeconds', $any($event.target).value)"
            />
          </label>
        </div>
        <p class="muted small">Each attempt is a step of the run; the wait doubles before each next one.</p>
      }
      @for (message of messages(); track message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
    </fieldset>
  `,
})
export class OnErrorSectionComponent {
  readonly node = input.required<GraphNode>();
  /** The step's publish errors by field; this section shows those of `onError…`. */
  readonly errors = input<Record<string, string>>({});
  readonly changed = output<NodeErrorPolicy>();

  readonly choices: { mode: Mode; label: string; help: string }[] = [
    { mode: 'stop', label: 'Stop the run', help: 'The run fails here and the team is told.' },
    {
      mode: 'continue',
      label: 'Continue on the error port',
      help: 'The item goes out of this step’s “error” port with error.message and error.step.',
    },
    { mode: 'retry', label: 'Retry', help: 'Try again after a wait; the run fails if the last try fails.' },
  ];

  readonly mode = computed<Mode>(() => this.node().onError?.mode ?? 'stop');
  readonly messages = computed(() =>
    Object.entries(this.errors())
      .filter(([key]) => key === 'onError' || key.startsWith('onError.'))
      .map(([, message]) => message),
  );

  setMode(mode: Mode): void {
    this.changed.emit(mode === 'retry' ? { mode, retries: 3, delaySeconds: 5 } : { mode });
  }

  setNumber(key: 'retries' | 'delaySeconds', raw: string): void {
    const value = Number(raw);
    const current = this.node().onError ?? { mode: 'retry' as const };
    // What was typed goes to the draft as it is; publishing names a value out of bounds.
    this.changed.emit({ ...current, [key]: Number.isFinite(value) ? value : raw });
  }
}
