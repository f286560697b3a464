import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { WorkspaceService } from '../../core/workspace.service';
import {
  choiceFor,
  cronFor,
  DEFAULT_CHOICE,
  nextRuns,
  WEEKDAYS,
  type ScheduleChoice,
  type ScheduleMode,
} from './schedule-cron';

/**
 * A schedule trigger's cron, built from plain choices (every day / weekdays / weekly on … at …,
 * every N hours) and still editable as text; the next five runs are shown in the workspace's
 * time zone, as the trigger fires them (croner, the same library the backend runs).
 */
@Component({
  selector: 'so-schedule-builder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
        margin: 4px 0;
      }
      .days label {
        font-weight: normal;
      }
      ol {
        margin: 4px 0;
        padding-left: 20px;
        font-size: 13px;
      }
    `,
  ],
  template: `
    <fieldset class="schedule" aria-label="Schedule">
      <legend>{{ label() }}</legend>
      <div class="row">
        <label [for]="prefix() + '-mode'">Runs</label>
        <select [id]="prefix() + '-mode'" [value]="choice().mode" (change)="setMode($any($event.target).value)">
          <option value="daily" [selected]="choice().mode === 'daily'">every day</option>
          <option value="weekdays" [selected]="choice().mode === 'weekdays'">on weekdays (Mon–Fri)</option>
          <option value="weekly" [selected]="choice().mode === 'weekly'">weekly on…</option>
          <option value="hours" [selected]="choice().mode === 'hours'">every N hours</option>
          <option value="custom" [selected]="choice().mode === 'custom'">custom (cron)</option>
        </select>
        @if (choice().mode === 'daily' || choice().mode === 'weekdays' || choice().mode === 'weekly') {
          <label [for]="prefix() + '-time'">at</label>
          <input
            [id]="prefix() + '-time'"
            type="time"
            [value]="choice().time"
            (change)="update({ time: $any($event.target).value || '09:00' })"
          />
        }
        @if (choice().mode === 'hours') {
          <label [for]="prefix() + '-hours'">every</label>
          <input
            [id]="prefix() + '-hours'"
            type="number"
            min="1"
            max="23"
            [value]="choice().everyHours"
            (change)="update({ everyHours: clamp($any($event.target).value, 1, 23) })"
          />
          <label [for]="prefix() + '-minute'">hours, at minute</label>
          <input
            [id]="prefix() + '-minute'"
            type="number"
            min="0"
            max="59"
            [value]="choice().minute"
            (change)="update({ minute: clamp($any($event.target).value, 0, 59) })"
          />
        }
      </div>
      @if (choice().mode === 'weekly') {
        <div class="row days" role="group" aria-label="Days of the week">
          @for (day of weekdays; track $index) {
            <label class="check">
              <input
                type="checkbox"
                [checked]="choice().days.includes($index)"
                (change)="toggleDay($index, $any($event.target).checked)"
              />
              {{ day }}
            </label>
          }
        </div>
      }
      <div class="row">
        <label [for]="prefix() + '-cron'">Cron</label>
        <input
          [id]="prefix() + '-cron'"
          class="cron"
          [value]="cron()"
          (input)="cronChange.emit($any($event.target).value)"
          placeholder="minute hour day month weekday"
          [attr.aria-invalid]="'error' in runs()"
        />
      </div>
      @if (runs(); as r) {
        @if ('times' in r) {
          <p class="small">Next runs ({{ zone() }}):</p>
          <ol data-next-runs>
            @for (time of r.times; track $index) {
              <li>{{ time }}</li>
            }
          </ol>
        } @else if (cron().trim()) {
          <p class="field-error">This cron never runs: {{ r.error }}</p>
        }
      }
    </fieldset>
  `,
})
export class ScheduleBuilderComponent {
  private readonly workspaces = inject(WorkspaceService);
  readonly cron = input.required<string>();
  readonly label = input('Schedule');
  readonly prefix = input('schedule');
  readonly cronChange = output<string>();

  readonly weekdays = WEEKDAYS;
  readonly choice = computed(() => (this.cron().trim() ? choiceFor(this.cron()) : DEFAULT_CHOICE));
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  readonly runs = computed(() => nextRuns(this.cron(), this.zone()));

  setMode(mode: ScheduleMode): void {
    // Custom keeps the cron as it is, to be edited as text.
    if (mode !== 'custom') this.update({ mode });
  }

  update(change: Partial<ScheduleChoice>): void {
    const cron = cronFor({ ...this.choice(), ...change });
    if (cron) this.cronChange.emit(cron);
  }

  toggleDay(day: number, on: boolean): void {
    const days = this.choice().days.filter((d) => d !== day);
    this.update({ days: on ? [...days, day] : days.length ? days : [day] });
  }

  clamp(text: string, min: number, max: number): number {
    const n = Math.round(Number(text));
    return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
  }
}
