import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { IconComponent } from '../shared/icon.component';

/** An item's tags as chips: Enter (or a comma) adds what was typed, each chip's button removes it. */
@Component({
  selector: 'so-tag-editor',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="tag-chips" aria-label="Tags">
      @for (t of tags(); track t) {
        <li class="tag">
          {{ t }}
          @if (editable()) {
            <button type="button" class="icon" (click)="remove(t)" [attr.aria-label]="'Remove tag ' + t">
              <so-icon name="x" [size]="12" />
            </button>
          }
        </li>
      } @empty {
        <li class="muted small">No tags yet.</li>
      }
    </ul>
    @if (editable()) {
      <label [for]="inputId()">Add a tag</label>
      <input
        #entry
        [id]="inputId()"
        [attr.list]="inputId() + '-known'"
        maxlength="50"
        placeholder="e.g. spring, product"
        (keydown)="key($event, entry)"
        (blur)="add(entry)"
      />
      <datalist [id]="inputId() + '-known'">
        @for (k of known(); track k) {
          <option [value]="k"></option>
        }
      </datalist>
    }
  `,
  styles: `
    .tag-chips {
      list-style: none;
      padding: 0;
      margin: 0.2rem 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
    }
    .tag {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
    }
    .tag button {
      color: inherit;
      padding: 0 0.1rem;
    }
  `,
})
export class TagEditorComponent {
  readonly tags = input.required<string[]>();
  /** Tags used elsewhere in the library, offered as the person types. */
  readonly known = input<string[]>([]);
  readonly editable = input(true);
  readonly inputId = input('media-tag-entry');
  readonly changed = output<string[]>();

  key(event: KeyboardEvent, entry: HTMLInputElement): void {
    if (event.key !== 'Enter' && event.key !== ',') return;
    event.preventDefault();
    this.add(entry);
  }

  add(entry: HTMLInputElement): void {
    const tag = entry.value.trim();
    entry.value = '';
    if (tag && !this.tags().includes(tag)) this.changed.emit([...this.tags(), tag]);
  }

  remove(tag: string): void {
    this.changed.emit(this.tags().filter((t) => t !== tag));
  }
}
