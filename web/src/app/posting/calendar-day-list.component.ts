import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import { DialogComponent } from '../shared/dialog.component';
import { CalendarEntryComponent } from './calendar-entry.component';
import type { DenseList } from './calendar-moves';

/** Every post of a busy hour or day, in a dialog: what its "+N more" stands for. */
@Component({
  selector: 'so-calendar-day-list',
  imports: [DialogComponent, CalendarEntryComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-dialog #dialog [heading]="list()?.heading ?? ''" (closed)="closed.emit()">
      @if (list(); as d) {
        <p class="muted small">{{ d.entries.length }} posts</p>
        <ul class="dense-list">
          @for (e of d.entries; track e.variantId + e.at) {
            <li>
              <so-calendar-entry
                [entry]="e"
                [zone]="zone()"
                [accountName]="accountName()(e.accountId)"
                [thumbnail]="e.mediaId ? (thumbnails()[e.mediaId] ?? null) : null"
              />
            </li>
          }
        </ul>
        <button type="button" (click)="dialog.close()">Close</button>
      }
    </so-dialog>
  `,
  styles: `
    .dense-list {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-height: 60vh;
      overflow-y: auto;
      min-width: min(28rem, 80vw);
    }
  `,
})
export class CalendarDayListComponent {
  readonly list = input<DenseList | null>(null);
  readonly zone = input.required<string>();
  readonly accountName = input.required<(id: string) => string>();
  readonly thumbnails = input<Partial<Record<string, string>>>({});
  readonly closed = output<void>();
  private readonly dialog = viewChild.required(DialogComponent);

  open(): void {
    this.dialog().open();
  }
}
