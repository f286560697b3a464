import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { WorkspacePatch, WorkspaceService } from '../core/workspace.service';
import type { Workspace } from '../core/api.types';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { RolesStore } from '../roles/roles.store';
import { TIME_ZONES } from '../workspaces/time-zones';
import { IconComponent } from '../shared/icon.component';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** The form's fields as the API names them, with their labels for error messages. */
const FIELDS: Record<string, string> = {
  name: 'Name',
  timeZone: 'Time zone',
  firstDayOfWeek: 'First day of the week',
  'branding.logoUrl': 'Logo URL',
  'branding.primaryColor': 'Primary colour',
  'branding.accentColor': 'Accent colour',
  defaultPostingTimes: 'Each posting time',
  'approvalPolicy.roles': 'Roles needing approval',
};

@Component({
  selector: 'so-settings',
  imports: [IconComponent, ReactiveFormsModule, FieldErrorComponent, BannerComponent],
  providers: [RolesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Workspace settings</h1>
    <so-banner [message]="errors.banner()" />
    <so-banner kind="success" [message]="saved()" />
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <fieldset [disabled]="!canEdit()">
        <section class="card">
          <h2>General</h2>
          <div class="grid-2">
            <div>
              <label for="name">Name</label>
              <input id="name" formControlName="name" aria-describedby="name-error" />
              <so-field-error errorId="name-error" [message]="errors.field('name')" />
            </div>
            <div>
              <label for="timeZone">Time zone</label>
              <select id="timeZone" formControlName="timeZone" aria-describedby="tz-hint tz-error">
                @for (zone of zones; track zone) {
                  <option [value]="zone">{{ zone }}</option>
                }
              </select>
              <p class="hint" id="tz-hint">Schedules, the calendar and reports use this zone.</p>
              <so-field-error errorId="tz-error" [message]="errors.field('timeZone')" />
            </div>
            <div>
              <label for="firstDayOfWeek">First day of the week</label>
              <select id="firstDayOfWeek" formControlName="firstDayOfWeek">
                @for (day of weekdays; track $index) {
                  <option [ngValue]="$index">{{ day }}</option>
                }
              </select>
            </div>
          </div>
        </section>

        <section class="card">
          <h2>Branding</h2>
          <div class="grid-2" formGroupName="branding">
            <div>
              <label for="logoUrl">Logo URL</label>
              <input
                id="logoUrl"
                type="url"
                formControlName="logoUrl"
                placeholder="https://…"
                aria-describedby="logo-error"
              />
              <so-field-error errorId="logo-error" [message]="errors.field('branding.logoUrl')" />
            </div>
            <div class="colors">
              <div>
                <label for="primaryColor">Primary colour</label>
                <input id="primaryColor" type="color" formControlName="primaryColor" />
                <so-field-error errorId="primary-error" [message]="errors.field('branding.primaryColor')" />
              </div>
              <div>
                <label for="accentColor">Accent colour</label>
                <input id="accentColor" type="color" formControlName="accentColor" />
                <so-field-error errorId="accent-error" [message]="errors.field('branding.accentColor')" />
              </div>
            </div>
          </div>
        </section>

        <section class="card">
          <h2>Default posting times</h2>
          <p class="muted">Offered first when scheduling, in the workspace time zone.</p>
          <ul class="chips" aria-label="Default posting times">
            @for (time of times.controls; track $index) {
              <li class="chip">
                <input type="time" [formControl]="time" [attr.aria-label]="'Posting time ' + ($index + 1)" />
                <button
                  type="button"
                  class="icon"
                  (click)="removeTime($index)"
                  [attr.aria-label]="'Remove ' + time.value"
                >
                  <so-icon name="x" />
                </button>
              </li>
            } @empty {
              <li class="muted">No default times.</li>
            }
          </ul>
          <button type="button" (click)="addTime()">Add a time</button>
          <so-field-error errorId="times-error" [message]="errors.field('defaultPostingTimes')" />
        </section>

        <section class="card" aria-labelledby="approvals-heading">
          <h2 id="approvals-heading">Approvals</h2>
          <p class="muted">
            Held posts wait in Pending approval; approving schedules them as composed, declining returns them to their
            author with the note.
          </p>
          <label class="check">
            <input
              type="checkbox"
              data-testid="approval-required"
              [checked]="approvalRequired()"
              (change)="setRequired($any($event.target).checked)"
            />
            Posts need approval before they are scheduled (every member's)
          </label>
          <p class="hint">Or only the posts of these roles:</p>
          <ul aria-label="Roles whose posts need approval">
            @for (role of roles.roles() ?? []; track role.id) {
              <li>
                <label class="check">
                  <input
                    type="checkbox"
                    [attr.data-role]="role.id"
                    [checked]="approvalRoles().has(role.id)"
                    (change)="toggleRole(role.id, $any($event.target).checked)"
                  />
                  Posts by {{ role.name }} need approval
                </label>
              </li>
            }
          </ul>
          <so-field-error errorId="approval-roles-error" [message]="errors.field('approvalPolicy.roles')" />
        </section>
      </fieldset>
      @if (canEdit()) {
        <div class="form-actions sticky">
          <button class="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save settings' }}</button>
        </div>
      } @else {
        <p class="muted">You can view these settings; changing them needs the workspace:write permission.</p>
      }
    </form>
  `,
})
export class SettingsPage {
  private readonly workspaces = inject(WorkspaceService);
  readonly zones = TIME_ZONES;
  readonly weekdays = WEEKDAYS;
  readonly busy = signal(false);
  readonly saved = signal<string | null>(null);
  readonly errors = new FormErrors();
  readonly canEdit = computed(() => this.workspaces.can('workspace:write'));
  readonly times = new FormArray<FormControl<string>>([]);
  readonly roles = inject(RolesStore);
  readonly approvalRequired = signal(false);
  readonly approvalRoles = signal(new Set<string>());
  /** The approval policy is sent only when changed here. */
  private readonly policyDirty = signal(false);
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    timeZone: new FormControl('UTC', { nonNullable: true }),
    firstDayOfWeek: new FormControl(1, { nonNullable: true }),
    branding: new FormGroup({
      logoUrl: new FormControl('', { nonNullable: true }),
      primaryColor: new FormControl('#4f46e5', { nonNullable: true }),
      accentColor: new FormControl('#f59e0b', { nonNullable: true }),
    }),
    defaultPostingTimes: this.times,
  });

  constructor() {
    effect(() => {
      const workspace = this.workspaces.current();
      if (workspace) this.fill(workspace);
    });
    void this.roles.load();
  }

  setRequired(required: boolean): void {
    this.approvalRequired.set(required);
    this.policyDirty.set(true);
  }

  toggleRole(roleId: string, on: boolean): void {
    this.approvalRoles.update((roles) => {
      const next = new Set(roles);
      if (on) next.add(roleId);
      else next.delete(roleId);
      return next;
    });
    this.policyDirty.set(true);
  }

  addTime(): void {
    this.times.push(new FormControl('09:00', { nonNullable: true }));
    this.times.markAsDirty();
  }

  removeTime(index: number): void {
    this.times.removeAt(index);
    this.times.markAsDirty();
  }

  async save(): Promise<void> {
    this.saved.set(null);
    this.errors.clear();
    this.busy.set(true);
    try {
      await this.workspaces.update(this.changes());
      this.saved.set('Settings saved.');
    } catch (error) {
      this.errors.fromError(error, FIELDS);
    } finally {
      this.busy.set(false);
    }
  }

  /** Only what the user touched: untouched colour pickers must not turn "no colour" into a colour. */
  private changes(): WorkspacePatch {
    const c = this.form.controls;
    const b = c.branding.controls;
    const branding = {
      ...(b.logoUrl.dirty && { logoUrl: b.logoUrl.value.trim() || null }),
      ...(b.primaryColor.dirty && { primaryColor: b.primaryColor.value }),
      ...(b.accentColor.dirty && { accentColor: b.accentColor.value }),
    };
    return {
      ...(c.name.dirty && { name: c.name.value.trim() }),
      ...(c.timeZone.dirty && { timeZone: c.timeZone.value }),
      ...(c.firstDayOfWeek.dirty && { firstDayOfWeek: Number(c.firstDayOfWeek.value) }),
      ...(Object.keys(branding).length && { branding }),
      ...(this.times.dirty && { defaultPostingTimes: this.times.getRawValue() }),
      ...(this.policyDirty() && {
        approvalPolicy: { required: this.approvalRequired(), roles: [...this.approvalRoles()] },
      }),
    };
  }

  private fill(workspace: Workspace): void {
    this.times.clear();
    for (const time of workspace.defaultPostingTimes) this.times.push(new FormControl(time, { nonNullable: true }));
    this.form.patchValue({
      name: workspace.name,
      timeZone: workspace.timeZone,
      firstDayOfWeek: workspace.firstDayOfWeek,
      branding: {
        logoUrl: workspace.branding.logoUrl ?? '',
        primaryColor: workspace.branding.primaryColor ?? '#4f46e5',
        accentColor: workspace.branding.accentColor ?? '#f59e0b',
      },
    });
    this.form.markAsPristine();
    this.approvalRequired.set(workspace.approvalPolicy.required);
    this.approvalRoles.set(new Set(workspace.approvalPolicy.roles));
    this.policyDirty.set(false);
  }
}
