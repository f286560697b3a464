import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { WorkspaceService } from '../../core/workspace.service';
import { ConfirmButtonComponent } from '../../shared/confirm-button.component';
import { WhenPipe } from '../../shared/format';
import type { ReportSchedule } from './reports.api';
import { cadenceText } from './report-words';
import { ReportsStore } from './reports.store';
import { ScheduleFormComponent } from './schedule-form.component';

/**
 * Scheduled reports: a form for a new one, then each with its cadence, recipients and next run (edit,
 * cancel); cancelled ones stay listed, folded away.
 */
@Component({
  selector: 'so-schedule-list',
  imports: [WhenPipe, ConfirmButtonComponent, ScheduleFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="schedules-heading">
      <h2 id="schedules-heading">Scheduled reports</h2>
      <p class="muted">
        Each run emails a PDF of the last whole week or month to the people you pick, at the hour you choose in the
        workspace's time zone.
      </p>
      @if (canManage()) {
        <details class="new-schedule" [open]="!active().length">
          <summary>Schedule a report</summary>
          <so-schedule-form />
        </details>
      }
      @if (store.schedules()) {
        @if (active().length) {
          <ul class="schedules">
            @for (s of active(); track s.id) {
              <li [attr.aria-labelledby]="'schedule-' + s.id">
                @if (editing() === s.id) {
                  <so-schedule-form [schedule]="s" (closed)="editing.set(null)" />
                } @else {
                  <div class="schedule-head">
                    <h3 [id]="'schedule-' + s.id">{{ s.name }}</h3>
                    <span>{{ cadence(s) }}</span>
                  </div>
                  <dl class="facts">
                    <dt>Next run</dt>
                    <dd>{{ s.nextRunAt ? (s.nextRunAt | when) : 'Not planned' }}</dd>
                    <dt>Sent to</dt>
                    <dd>{{ recipients(s) }}</dd>
                  </dl>
                  @if (canManage()) {
                    <div class="button-row">
                      <button
                        type="button"
                        class="small"
                        [attr.aria-label]="'Edit ' + s.name"
                        (click)="editing.set(s.id)"
                      >
                        Edit
                      </button>
                      <so-confirm-button
                        label="Cancel schedule"
                        [ariaLabel]="'Cancel ' + s.name"
                        [question]="'Cancel ' + s.name + '?'"
                        detail="No more reports are sent on this schedule. Reports already made stay in the list."
                        confirmLabel="Cancel schedule"
                        (confirmed)="store.cancelSchedule(s)"
                      />
                    </div>
                  }
                }
              </li>
            }
          </ul>
        } @else {
          <p class="empty">
            No scheduled report.
            @if (canManage()) {
              Schedule one above to have it emailed every week or month.
            } @else {
              Owners and admins can schedule one to have it emailed every week or month.
            }
          </p>
        }
        @if (cancelled().length) {
          <details class="cancelled">
            <summary>Cancelled schedules ({{ cancelled().length }})</summary>
            <ul>
              @for (s of cancelled(); track s.id) {
                <li>{{ s.name }}: {{ cadence(s) }}, cancelled {{ s.cancelledAt | when }}</li>
              }
            </ul>
          </details>
        }
      }
    </section>
  `,
  styles: `
    .schedules {
      list-style: none;
      padding: 0;
      margin: 1rem 0 0;
      display: grid;
      gap: 0.75rem;
    }
    .schedules li {
      border: 1px solid var(--border);
      border-radius: 8px;
      padding: 0.75rem 1rem;
    }
    .schedule-head {
      display: flex;
      gap: 1rem;
      align-items: baseline;
      flex-wrap: wrap;
    }
    .schedule-head h3 {
      margin: 0;
    }
    .cancelled {
      margin-top: 1rem;
    }
    .new-schedule summary,
    .cancelled summary {
      cursor: pointer;
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
  `,
})
export class ScheduleListComponent {
  private readonly workspaces = inject(WorkspaceService);
  readonly store = inject(ReportsStore);
  readonly editing = signal<string | null>(null);
  /** A schedule mails the workspace's figures on its own, so the API asks workspace:write to manage one. */
  readonly canManage = computed(() => this.workspaces.can('workspace:write'));
  readonly active = computed(() => (this.store.schedules() ?? []).filter((s) => !s.cancelledAt));
  readonly cancelled = computed(() => (this.store.schedules() ?? []).filter((s) => s.cancelledAt));

  cadence(schedule: ReportSchedule): string {
    return cadenceText(schedule);
  }

  recipients(schedule: ReportSchedule): string {
    const names = [...schedule.memberIds.map((id) => this.store.memberName(id)), ...schedule.emails];
    return names.length ? names.join(', ') : 'No one';
  }
}
