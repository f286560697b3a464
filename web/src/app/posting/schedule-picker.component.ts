import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FieldErrorComponent } from '../shared/field-error.component';
import { IconComponent, type IconName } from '../shared/icon.component';
import { describeRepeat } from '../shared/repeat-text';
import { atTime, toScheduleInput, type ScheduleChoice, type ScheduleMode } from './schedule-choice';

const MODES: { mode: ScheduleMode; label: string; icon: IconName; hint: string }[] = [
  { mode: 'now', label: 'Publish now', icon: 'now', hint: 'Goes out as soon as you press Publish now.' },
  { mode: 'single', label: 'At a time', icon: 'calendar', hint: 'Goes out once, at the date and time below.' },
  {
    mode: 'queue',
    label: 'Add to queue',
    icon: 'list-clock',
    hint: "Takes each account's next free posting time (set under Accounts → Queue times).",
  },
  {
    mode: 'best-time',
    label: 'At the best time',
    icon: 'trending-up',
    hint: "Goes out at each account's next best hour by its analytics (Analytics → Best times); an account with too little history takes its next queue time.",
  },
  { mode: 'recurring', label: 'Repeat', icon: 'repeat', hint: 'Goes out again and again, by the rule below.' },
  {
    mode: 'evergreen',
    label: 'Evergreen',
    icon: 'star',
    hint: 'Goes out again every few days, as often as you allow.',
  },
  { mode: 'draft', label: 'Save as draft', icon: 'pen', hint: 'Kept for later; nothing goes out.' },
];

/** The composer's "When" section. */
@Component({
  selector: 'so-schedule-picker',
  imports: [FormsModule, FieldErrorComponent, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .hint {
      margin: 0.5rem 0 0.6rem;
    }
  `,
  template: `
    <fieldset class="schedule-picker">
      <legend>When</legend>
      <!-- Radios under the segments: arrow keys move between them, as in any radio group. -->
      <div class="segmented-choice" role="radiogroup" aria-label="When">
        @for (m of modes; track m.mode) {
          <label [class.on]="choice().mode === m.mode"
            ><input
              type="radio"
              name="schedule-mode"
              [value]="m.mode"
              [checked]="choice().mode === m.mode"
              (change)="set({ mode: m.mode })"
            /><so-icon [name]="m.icon" [size]="15" />{{ m.label }}</label
          >
        }
      </div>
      <p class="hint" data-testid="when-hint">{{ hint() }}</p>
      @if (choice().mode === 'single' || choice().mode === 'recurring' || choice().mode === 'evergreen') {
        <label for="schedule-at"
          >{{ choice().mode === 'single' ? 'Date and time' : 'First time' }} ({{ zone() }})</label
        >
        <input
          id="schedule-at"
          type="datetime-local"
          [ngModel]="choice().at"
          (ngModelChange)="set({ at: $event })"
          [attr.aria-invalid]="!!error()"
          aria-describedby="schedule-error"
        />
        @if (postingTimes().length) {
          <div class="suggested-times" role="group" aria-label="Default posting times">
            <span class="muted small">Default times:</span>
            @for (time of sortedTimes(); track time) {
              <button
                type="button"
                class="small ghost"
                [class.active]="choice().at.endsWith('T' + time)"
                [attr.aria-label]="'Post at ' + time"
                (click)="set({ at: at(time) })"
              >
                {{ time }}
              </button>
            }
          </div>
        }
      }
      @if (choice().mode === 'recurring') {
        <label for="schedule-repeat">Repeats</label>
        <select id="schedule-repeat" [ngModel]="choice().repeat" (ngModelChange)="set({ repeat: $event })">
          <option value="daily">Every day</option>
          <option value="weekdays">Every weekday</option>
          <option value="weekly">Every week on that day</option>
          <option value="custom">Custom (RRULE)</option>
        </select>
        @if (choice().repeat === 'custom') {
          <label for="schedule-rrule">RRULE</label>
          <input
            id="schedule-rrule"
            [ngModel]="choice().rrule"
            (ngModelChange)="set({ rrule: $event })"
            placeholder="FREQ=WEEKLY;BYDAY=MO,TH"
          />
        }
      }
      @if (choice().mode === 'evergreen') {
        <label for="schedule-interval">Post again every (days)</label>
        <input
          id="schedule-interval"
          type="number"
          min="1"
          max="365"
          [ngModel]="choice().intervalDays"
          (ngModelChange)="set({ intervalDays: $event })"
        />
        <label for="schedule-max">At most (times, empty for no limit)</label>
        <input
          id="schedule-max"
          type="number"
          min="1"
          [ngModel]="choice().maxRepeats"
          (ngModelChange)="set({ maxRepeats: $event || null })"
        />
      }
      @if (repeatSummary(); as words) {
        <p class="hint" data-testid="repeat-summary">{{ words }}</p>
      }
      <so-field-error errorId="schedule-error" [message]="error()" />
    </fieldset>
  `,
})
export class SchedulePickerComponent {
  readonly choice = model.required<ScheduleChoice>();
  readonly zone = input.required<string>();
  readonly error = input<string | null>(null);
  /** The workspace's default posting times ("HH:mm"), offered beside the date. */
  readonly postingTimes = input<string[]>([]);
  readonly sortedTimes = computed(() => [...this.postingTimes()].sort());
  readonly modes = MODES;
  readonly hint = computed(() => MODES.find((m) => m.mode === this.choice().mode)?.hint ?? '');
  /** "Every Monday at 08:00", as the post page and the board will say it. */
  readonly repeatSummary = computed(() => {
    const input = toScheduleInput(this.choice(), this.zone());
    if (!input || input.type === 'now') return null;
    const evergreen = { intervalDays: input.intervalDays ?? 1, maxRepeats: input.maxRepeats ?? null };
    return describeRepeat(
      { type: input.type, at: input.at ?? null, rrule: input.rrule ?? null, evergreen },
      this.zone(),
    );
  });

  /** The chosen day at this time. */
  at(time: string): string {
    return atTime(this.choice().at, time);
  }

  set(change: Partial<ScheduleChoice>): void {
    this.choice.update((c) => ({ ...c, ...change }));
  }
}
