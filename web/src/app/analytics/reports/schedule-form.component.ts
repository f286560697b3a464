import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { FormErrors } from '../../core/form-errors';
import { BannerComponent } from '../../shared/banner.component';
import { FieldErrorComponent } from '../../shared/field-error.component';
import { EMAIL_PATTERN } from '../../shared/format';
import { AnalyticsFilters } from '../analytics-filters';
import type { ReportFrequency, ReportSchedule, ScheduleInput } from './reports.api';
import { hourText, WEEKDAY_NAMES } from './report-words';
import { ReportsStore } from './reports.store';

/** The API's fields, as the form names them beside their inputs. */
const FIELD_LABELS = {
  name: 'Name',
  frequency: 'How often',
  weekday: 'Day',
  monthDay: 'Day of the month',
  hour: 'Hour',
  memberIds: 'Members',
  emails: 'Other addresses',
};

/** "a@x.org, b@y.org" → the addresses, blanks dropped. */
function addresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * Create or change a scheduled report: weekly or monthly, its day and hour in the workspace's zone,
 * and who gets it (members picked from the team, other addresses typed in).
 */
@Component({
  selector: 'so-schedule-form',
  imports: [ReactiveFormsModule, BannerComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="schedule-form" [attr.aria-label]="title()">
      <so-banner [message]="errors.banner()" />
      <div class="row">
        <div class="grow">
          <label [for]="ids.name">Name</label>
          <input
            [id]="ids.name"
            formControlName="name"
            maxlength="100"
            [attr.aria-invalid]="!!errors.field('name')"
            [attr.aria-describedby]="ids.name + '-error'"
          />
          <so-field-error [errorId]="ids.name + '-error'" [message]="errors.field('name')" />
        </div>
        <fieldset>
          <legend>How often</legend>
          <label class="check"><input type="radio" formControlName="frequency" value="weekly" /> Weekly</label>
          <label class="check"><input type="radio" formControlName="frequency" value="monthly" /> Monthly</label>
          <so-field-error [errorId]="ids.name + '-frequency-error'" [message]="errors.field('frequency')" />
        </fieldset>
        @if (frequency() === 'weekly') {
          <div>
            <label [for]="ids.weekday">Day</label>
            <select [id]="ids.weekday" formControlName="weekday" [attr.aria-describedby]="ids.weekday + '-error'">
              @for (name of weekdays; track $index) {
                <option [ngValue]="$index + 1">{{ name }}</option>
              }
            </select>
            <so-field-error [errorId]="ids.weekday + '-error'" [message]="errors.field('weekday')" />
          </div>
        } @else {
          <div>
            <label [for]="ids.monthDay">Day of the month</label>
            <select [id]="ids.monthDay" formControlName="monthDay" [attr.aria-describedby]="ids.monthDay + '-error'">
              @for (d of monthDays; track d) {
                <option [ngValue]="d">{{ d }}</option>
              }
            </select>
            <so-field-error [errorId]="ids.monthDay + '-error'" [message]="errors.field('monthDay')" />
          </div>
        }
        <div>
          <label [for]="ids.hour">Hour</label>
          <select
            [id]="ids.hour"
            formControlName="hour"
            [attr.aria-describedby]="ids.hour + '-hint ' + ids.hour + '-error'"
          >
            @for (h of hours; track h) {
              <option [ngValue]="h">{{ hourText(h) }}</option>
            }
          </select>
          <p class="hint" [id]="ids.hour + '-hint'">{{ zone() }} time</p>
          <so-field-error [errorId]="ids.hour + '-error'" [message]="errors.field('hour')" />
        </div>
      </div>
      <fieldset class="recipients" [attr.aria-describedby]="ids.name + '-members-error'">
        <legend>Send to</legend>
        @for (m of store.members(); track m.userId) {
          <label class="check">
            <input type="checkbox" [checked]="picked().has(m.userId)" (change)="toggle(m.userId)" />
            {{ m.name }} <span class="muted">{{ m.email }}</span>
          </label>
        }
        <so-field-error [errorId]="ids.name + '-members-error'" [message]="errors.field('memberIds')" />
        <label [for]="ids.emails">Other addresses</label>
        <input
          [id]="ids.emails"
          formControlName="emails"
          placeholder="client@example.com, boss@example.com"
          [attr.aria-invalid]="!!errors.field('emails')"
          [attr.aria-describedby]="ids.emails + '-hint ' + ids.emails + '-error'"
        />
        <p class="hint" [id]="ids.emails + '-hint'">Separate addresses with commas. The PDF comes attached.</p>
        <so-field-error [errorId]="ids.emails + '-error'" [message]="errors.field('emails')" />
      </fieldset>
      <div class="button-row">
        <button type="submit" class="primary" [disabled]="busy()">
          {{ busy() ? 'Saving…' : schedule() ? 'Save changes' : 'Create schedule' }}
        </button>
        @if (schedule()) {
          <button type="button" (click)="closed.emit()">Cancel</button>
        }
      </div>
    </form>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: flex-start;
    }
    .row .grow {
      flex: 1 1 14rem;
    }
    .recipients {
      margin-top: 0.75rem;
    }
  `,
})
export class ScheduleFormComponent {
  private static next = 0;
  readonly store = inject(ReportsStore);
  private readonly filters = inject(AnalyticsFilters);
  /** The schedule being changed; none to create one. */
  readonly schedule = input<ReportSchedule | null>(null);
  /** Saved, or editing given up. */
  readonly closed = output<void>();
  readonly errors = new FormErrors();
  readonly busy = signal(false);
  readonly picked = signal<ReadonlySet<string>>(new Set());
  readonly weekdays = WEEKDAY_NAMES;
  readonly monthDays = Array.from({ length: 28 }, (_, i) => i + 1);
  readonly hours = Array.from({ length: 24 }, (_, i) => i);
  readonly hourText = hourText;
  readonly zone = this.filters.zone;
  private readonly prefix = `schedule-${ScheduleFormComponent.next++}`;
  readonly ids = {
    name: `${this.prefix}-name`,
    weekday: `${this.prefix}-weekday`,
    monthDay: `${this.prefix}-month-day`,
    hour: `${this.prefix}-hour`,
    emails: `${this.prefix}-emails`,
  };
  readonly form = new FormGroup({
    name: new FormControl('Analytics report', { nonNullable: true }),
    frequency: new FormControl<ReportFrequency>('weekly', { nonNullable: true }),
    weekday: new FormControl(1, { nonNullable: true }),
    monthDay: new FormControl(1, { nonNullable: true }),
    hour: new FormControl(9, { nonNullable: true }),
    emails: new FormControl('', { nonNullable: true }),
  });
  readonly frequency = toSignal(this.form.controls.frequency.valueChanges, { initialValue: 'weekly' });
  readonly title = computed(() => (this.schedule() ? `Change ${this.schedule()!.name}` : 'New scheduled report'));

  constructor() {
    // Editing starts from the schedule as it is.
    effect(() => {
      const s = this.schedule();
      if (!s) return;
      this.form.setValue({
        name: s.name,
        frequency: s.frequency,
        weekday: s.weekday ?? 1,
        monthDay: s.monthDay ?? 1,
        hour: s.hour,
        emails: s.emails.join(', '),
      });
      this.picked.set(new Set(s.memberIds));
    });
  }

  toggle(userId: string): void {
    this.picked.update((set) => {
      const next = new Set(set);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });
  }

  async submit(): Promise<void> {
    const input = this.input();
    const problems = this.check(input);
    this.errors.set(problems);
    if (Object.keys(problems).length) return;
    this.busy.set(true);
    try {
      await this.store.saveSchedule(this.schedule()?.id ?? null, input);
      if (!this.schedule()) this.reset();
      this.closed.emit();
    } catch (error) {
      this.errors.fromError(error, FIELD_LABELS);
    } finally {
      this.busy.set(false);
    }
  }

  private input(): ScheduleInput {
    const v = this.form.getRawValue();
    const weekly = v.frequency === 'weekly';
    return {
      name: v.name.trim(),
      frequency: v.frequency,
      ...(weekly ? { weekday: v.weekday } : { monthDay: v.monthDay }),
      hour: v.hour,
      memberIds: [...this.picked()],
      emails: addresses(v.emails),
    };
  }

  /** What the API would refuse, said before sending. */
  private check(input: ScheduleInput): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!input.name) problems['name'] = 'Name is required';
    const wrong = input.emails.find((a) => !EMAIL_PATTERN.test(a));
    if (wrong) problems['emails'] = `${wrong} is not an email address`;
    if (!input.memberIds.length && !input.emails.length)
      problems['memberIds'] = 'Pick at least one member or type an address';
    return problems;
  }

  private reset(): void {
    this.form.reset();
    this.picked.set(new Set());
  }
}
