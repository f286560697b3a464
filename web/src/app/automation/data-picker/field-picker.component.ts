import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { AvailableField } from '@socialorchestrator/rule-nodes/dist/data-shape';
import { placeholderFor } from '@socialorchestrator/rule-nodes/dist/placeholders';

/** Longest value shown beside a field; the rest is in its title. */
const SHOWN = 60;

/**
 * The fields a step can use at this point of the graph, with the sample's values beside them
 * (catalog examples, in italics, where no sample was taken). Click a field to insert it at the
 * cursor, or drag its chip into the text; "if missing" writes a default into the placeholder.
 */
@Component({
  selector: 'so-field-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      details {
        margin: 4px 0 2px;
      }
      summary {
        cursor: pointer;
        font-size: 13px;
      }
      .tools {
        display: flex;
        gap: 6px;
        margin: 4px 0;
      }
      .tools input {
        flex: 1;
        min-width: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 220px;
        overflow: auto;
      }
      li {
        display: flex;
        gap: 6px;
        align-items: baseline;
        padding: 2px 0;
      }
      .chip {
        font-family: var(--mono, monospace);
        font-size: 12px;
        border: 1px solid var(--border, #ccd);
        border-radius: 10px;
        padding: 1px 8px;
        background: var(--surface-2, #f3f4fa);
        cursor: grab;
        white-space: nowrap;
      }
      .value {
        font-size: 12px;
        color: var(--muted, #555);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        min-width: 0;
      }
      .value.example {
        font-style: italic;
      }
    `,
  ],
  template: `
    <details [open]="open()" (toggle)="open.set($any($event.target).open)">
      <summary>Insert a field{{ fields().length ? ' (' + fields().length + ')' : '' }}</summary>
      @if (fields().length) {
        <div class="tools">
          <input
            type="search"
            [attr.aria-label]="'Search fields for ' + target()"
            placeholder="Search fields"
            [value]="query()"
            (input)="query.set($any($event.target).value)"
          />
          <input
            [attr.aria-label]="'If missing, use (for ' + target() + ')'"
            placeholder="If missing, use…"
            [value]="fallback()"
            (input)="fallback.set($any($event.target).value)"
          />
        </div>
        <ul [attr.aria-label]="'Fields for ' + target()">
          @for (field of shown(); track field.path) {
            <li>
              <button
                type="button"
                class="chip"
                draggable="true"
                [attr.data-path]="field.path"
                [title]="'Insert ' + text(field.path)"
                (click)="picked.emit(text(field.path))"
                (dragstart)="drag($event, field.path)"
              >
                {{ field.path }}
              </button>
              <span class="value" [class.example]="!field.sampled" [title]="full(field.example)">{{
                short(field.example)
              }}</span>
            </li>
          } @empty {
            <li class="muted small">No field matches.</li>
          }
        </ul>
        @if (!anySampled()) {
          <p class="muted small">Example values: take sample data on the trigger to see real ones.</p>
        }
      } @else {
        <p class="muted small">
          No fields reach this step yet: connect it after a trigger, and take sample data on the trigger (a test
          delivery or pasted JSON for a webhook).
        </p>
      }
    </details>
  `,
})
export class FieldPickerComponent {
  readonly fields = input.required<AvailableField[]>();
  /** The field's label, naming the list for screen readers. */
  readonly target = input('the text');
  readonly picked = output<string>();

  readonly open = signal(false);
  readonly query = signal('');
  readonly fallback = signal('');
  readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    return q ? this.fields().filter((f) => f.path.toLowerCase().includes(q)) : this.fields();
  });
  readonly anySampled = computed(() => this.fields().some((f) => f.sampled));

  /** The placeholder to insert: with the default typed in "if missing", when there is one. */
  text(path: string): string {
    return placeholderFor(path, this.fallback() || undefined);
  }

  /** A chip dropped into the text inserts its placeholder where it falls (the browser's own text drop). */
  drag(event: DragEvent, path: string): void {
    event.dataTransfer?.setData('text/plain', this.text(path));
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'copy';
  }

  full(value: unknown): string {
    return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  }

  short(value: unknown): string {
    const text = value === null ? '(empty)' : this.full(value);
    return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
  }
}
