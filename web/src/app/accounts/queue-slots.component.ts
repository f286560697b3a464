import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { QueueSlot } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AccountsStore } from './accounts.store';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** An account's weekly posting times, which "Add to queue" fills in order. */
@Component({
  selector: 'so-queue-slots',
  imports: [FormsModule, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="error()" />
    @if (slots().length === 0) {
      <p class="muted small">No posting times yet: posts cannot be added to this account's queue.</p>
    }
    <ul class="slot-list">
      @for (slot of slots(); track slot.weekday + slot.localTime) {
        <li>
          {{ weekdays[slot.weekday - 1] }} {{ slot.localTime }}
          <button
            type="button"
            class="small"
            (click)="remove(slot)"
            [attr.aria-label]="'Remove ' + weekdays[slot.weekday - 1] + ' ' + slot.localTime"
          >
            Remove
          </button>
        </li>
      }
    </ul>
    <form class="inline" (ngSubmit)="add()">
      <label [for]="id() + '-day'">Day</label>
      <select [id]="id() + '-day'" name="day" [(ngModel)]="weekday">
        @for (day of weekdays; track day; let i = $index) {
          <option [ngValue]="i + 1">{{ day }}</option>
        }
      </select>
      <label [for]="id() + '-time'">Time</label>
      <input [id]="id() + '-time'" name="time" type="time" [(ngModel)]="time" required />
      <button type="submit" class="small">Add time</button>
    </form>
  `,
})
export class QueueSlotsComponent implements OnInit {
  private readonly store = inject(AccountsStore);
  readonly accountId = input.required<string>();
  readonly id = input.required<string>();
  readonly weekdays = WEEKDAYS;
  readonly slots = signal<QueueSlot[]>([]);
  readonly error = signal<string | null>(null);
  weekday = 1;
  time = '09:00';

  async ngOnInit(): Promise<void> {
    this.slots.set(await this.store.slots(this.accountId()));
  }

  add(): Promise<void> {
    return this.save([...this.slots(), { weekday: this.weekday, localTime: this.time }]);
  }

  remove(slot: QueueSlot): Promise<void> {
    return this.save(this.slots().filter((s) => s !== slot));
  }

  private async save(slots: QueueSlot[]): Promise<void> {
    try {
      this.slots.set(await this.store.saveSlots(this.accountId(), slots));
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
