import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '../auth/sign-up.page';
import { AuthService } from '../core/auth.service';
import { FormErrors } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { TopbarComponent } from '../shared/topbar.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { NotificationPreferencesComponent } from '../notifications/notification-preferences.component';
import { IconComponent } from '../shared/icon.component';

@Component({
  selector: 'so-account',
  imports: [
    IconComponent,
    ReactiveFormsModule,
    RouterLink,
    BannerComponent,
    FieldErrorComponent,
    TopbarComponent,
    NotificationPreferencesComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-topbar />
    <main class="page narrow">
      <p>
        <a routerLink="/" class="back-link"><so-icon name="arrow-left" /> Back to your workspace</a>
      </p>
      <h1>Your account</h1>
      <section class="card">
        <p>
          <strong>{{ auth.user()?.name }}</strong><br /><span class="muted">{{ auth.user()?.email }}</span>
        </p>
      </section>
      <section class="card">
        <h2>Change password</h2>
        <so-banner [message]="errors.banner()" />
        <so-banner kind="success" [message]="done()" />
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <label for="current">Current password</label>
          <input
            id="current"
            type="password"
            formControlName="currentPassword"
            autocomplete="current-password"
            aria-describedby="current-error"
          />
          <so-field-error errorId="current-error" [message]="errors.field('currentPassword')" />
          <label for="new">New password</label>
          <input
            id="new"
            type="password"
            formControlName="newPassword"
            autocomplete="new-password"
            aria-describedby="new-error"
          />
          <so-field-error errorId="new-error" [message]="errors.field('newPassword')" />
          <button class="primary" type="submit" [disabled]="busy()">Change password</button>
        </form>
      </section>
      <so-notification-preferences />
    </main>
  `,
})
export class AccountPage {
  readonly auth = inject(AuthService);
  readonly busy = signal(false);
  readonly done = signal<string | null>(null);
  readonly errors = new FormErrors();
  readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true }),
    newPassword: new FormControl('', { nonNullable: true }),
  });

  async submit(): Promise<void> {
    this.done.set(null);
    const { currentPassword, newPassword } = this.form.getRawValue();
    const fields: Record<string, string> = {};
    if (!currentPassword) fields['currentPassword'] = 'Enter your current password';
    if (newPassword.length < PASSWORD_MIN_LENGTH)
      fields['newPassword'] = `Use at least ${PASSWORD_MIN_LENGTH} characters`;
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      await this.auth.changePassword(currentPassword, newPassword);
      this.form.reset();
      this.done.set('Password changed.');
    } catch (error) {
      this.errors.fromError(error, ['currentPassword', 'newPassword']);
    } finally {
      this.busy.set(false);
    }
  }
}
