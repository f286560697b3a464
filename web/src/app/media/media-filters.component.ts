import { ChangeDetectionStrategy, Component, input, OnDestroy, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Member } from '../core/api.types';
import { KIND_LABELS } from './media-format';
import type { MediaFilter, MediaKind, TagCount } from './media.types';

/** Search typed into the box waits this long for the next key before it asks the server. */
const TYPING_PAUSE_MS = 250;

/** The library's search: name, tag, type, uploader, date range, favourites. Emits the whole filter on each change. */
@Component({
  selector: 'so-media-filters',
  imports: [FormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="media-filters" role="search" aria-label="Search media" (submit)="$event.preventDefault()">
      <div class="grow">
        <label for="media-q">Search by name</label>
        <input
          id="media-q"
          type="search"
          [ngModel]="filter().q ?? ''"
          (ngModelChange)="typed($event)"
          name="q"
          placeholder="File name"
        />
      </div>
      <div>
        <label for="media-tag">Tag</label>
        <select id="media-tag" name="tag" [ngModel]="filter().tag ?? ''" (ngModelChange)="set({ tag: $event })">
          <option value="">Any tag</option>
          @for (t of tags(); track t.tag) {
            <option [value]="t.tag">{{ t.tag }} ({{ t.count }})</option>
          }
        </select>
      </div>
      <div>
        <label for="media-kind">Type</label>
        <select id="media-kind" name="kind" [ngModel]="filter().kind ?? ''" (ngModelChange)="set({ kind: $event })">
          <option value="">Any type</option>
          @for (k of kinds; track k) {
            <option [value]="k">{{ kindLabels[k] }}</option>
          }
        </select>
      </div>
      @if (members().length) {
        <div>
          <label for="media-uploader">Uploaded by</label>
          <select
            id="media-uploader"
            name="uploadedBy"
            [ngModel]="filter().uploadedBy ?? ''"
            (ngModelChange)="set({ uploadedBy: $event })"
          >
            <option value="">Anyone</option>
            @for (m of members(); track m.userId) {
              <option [value]="m.userId">{{ m.name }}</option>
            }
          </select>
        </div>
      }
      <div>
        <label for="media-from">From</label>
        <input
          id="media-from"
          type="date"
          name="from"
          [ngModel]="filter().from ?? ''"
          (ngModelChange)="set({ from: $event })"
        />
      </div>
      <div>
        <label for="media-to">To</label>
        <input
          id="media-to"
          type="date"
          name="to"
          [ngModel]="filter().to ?? ''"
          (ngModelChange)="set({ to: $event })"
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          name="favourite"
          [ngModel]="filter().favourite ?? false"
          (ngModelChange)="set({ favourite: $event || undefined })"
        />
        Favourites only
      </label>
    </form>
  `,
  styles: `
    .media-filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.8rem;
      align-items: end;
      margin-bottom: 1rem;
    }
    .grow {
      flex: 1 1 14rem;
    }
    label.check {
      margin-bottom: 0.6rem;
    }
  `,
})
export class MediaFiltersComponent implements OnDestroy {
  readonly filter = input.required<MediaFilter>();
  readonly tags = input<TagCount[]>([]);
  readonly members = input<Member[]>([]);
  readonly changed = output<MediaFilter>();
  readonly kinds = Object.keys(KIND_LABELS) as MediaKind[];
  readonly kindLabels = KIND_LABELS;
  private timer: ReturnType<typeof setTimeout> | undefined;

  typed(q: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set({ q: q.trim() }), TYPING_PAUSE_MS);
  }

  set(change: Partial<MediaFilter>): void {
    const next: MediaFilter = { ...this.filter(), ...change };
    for (const key of Object.keys(next) as (keyof MediaFilter)[]) {
      if (next[key] === '' || next[key] === undefined) delete next[key];
    }
    this.changed.emit(next);
  }

  ngOnDestroy(): void {
    clearTimeout(this.timer);
  }
}
