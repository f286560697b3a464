import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { TopbarComponent } from '../shared/topbar.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { viewerZone } from '../shared/format';
import { TIME_ZONES } from './time-zones';

@Component({
  selector: 'so-workspace-picker',
  imports: [ReactiveFormsModule, RouterLink, FieldErrorComponent, BannerComponent, TopbarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-topbar />
    <main class="page narrow">
      <h1>Your workspaces</h1>
      <so-banner [message]="loadError()" />
      @if (workspaces.workspaces() === null && !loadError()) {
        <p class="muted" role="status">Loading your workspaces…</p>
      } @else if (workspaces.workspaces()?.length) {
        <ul class="workspace-list">
          @for (w of workspaces.workspaces(); track w.id) {
            <li>
              <a class="card workspace-card" [routerLink]="['/w', w.id]">
                <span class="avatar" [style.background]="w.branding.primaryColor ?? null" aria-hidden="true">{{
                  w.name.charAt(0)
                }}</span>
                <span
                  ><strong>{{ w.name }}</strong
                  ><br /><span class="muted">{{ w.roleName }} · {{ w.timeZone }}</span></span
                >
              </a>
            </li>
          }
        </ul>
      } @else {
        <div class="empty card">
          <h2>No workspace yet</h2>
          <p class="muted">
            A workspace holds your team, social accounts, posts and automations. Create your first one below, or ask a
            teammate for an invite.
          </p>
        </div>
      }

      <section class="card">
        <h2>Create a workspace</h2>
        <so-banner [message]="errors.banner()" />
        <form [formGroup]="form" (ngSubmit)="create()" novalidate class="grid-2">
          <div>
            <label for="ws-name">Name</label>
            <input id="ws-name" formControlName="name" placeholder="Acme Marketing" aria-describedby="name-error" />
            <so-field-error errorId="name-error" [message]="errors.field('name')" />
          </div>
          <div>
            <label for="ws-tz">Time zone</label>
            <select id="ws-tz" formControlName="timeZone" aria-describedby="tz-error">
              @for (zone of zones; track zone) {
                <option [value]="zone">{{ zone }}</option>
              }
            </select>
            <so-field-error errorId="tz-error" [message]="errors.field('timeZone')" />
          </div>
          <div class="form-actions">
            <button class="primary" type="submit" [disabled]="busy()">Create workspace</button>
          </div>
        </form>
      </section>
    </main>
  `,
})
export class WorkspacePickerPage implements OnInit {
  private readonly router = inject(Router);
  readonly workspaces = inject(WorkspaceService);
  readonly zones = TIME_ZONES;
  readonly busy = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly errors = new FormErrors();
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    timeZone: new FormControl(viewerZone(), { nonNullable: true }),
  });

  async ngOnInit(): Promise<void> {
    await this.workspaces
      .load()
      .catch(() => this.loadError.set('Could not load your workspaces. Reload to try again.'));
  }

  async create(): Promise<void> {
    const { name, timeZone } = this.form.getRawValue();
    this.errors.set(name.trim() ? {} : { name: 'Give the workspace a name' });
    if (!name.trim()) return;
    this.busy.set(true);
    try {
      const workspace = await this.workspaces.create(name.trim(), timeZone);
      await this.router.navigate(['/w', workspace.id, 'settings']);
    } catch (error) {
      this.errors.fromError(error, ['name', 'timeZone']);
    } finally {
      this.busy.set(false);
    }
  }
}
