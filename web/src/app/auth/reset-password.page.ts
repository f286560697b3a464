import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { FormErrors } from '../core/form-errors';
import { AuthLayoutComponent } from '../shared/auth-layout.component';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { PASSWORD_MIN_LENGTH } from './sign-up.page';

@Component({
  selector: 'so-reset-password',
  imports: [ReactiveFormsModule, RouterLink, AuthLayoutComponent, FieldErrorComponent, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-auth-layout heading="Choose a new password">
      @if (done()) {
        <so-banner kind="success" message="Your password has been changed. Sign in with the new one." />
        <a class="button primary wide" routerLink="/sign-in">Sign in</a>
      } @else if (!token()) {
        <so-banner message="This page needs the link from the reset email." />
      } @else {
        <so-banner [message]="errors.banner()" />
        <form (ngSubmit)="submit()" novalidate>
          <label for="password">New password</label>
          <input
            id="password"
            type="password"
            [formControl]="password"
            autocomplete="new-password"
            autofocus
            aria-describedby="password-error"
          />
          <so-field-error errorId="password-error" [message]="errors.field('password')" />
          <button class="primary wide" type="submit" [disabled]="busy()">Change password</button>
        </form>
      }
    </so-auth-layout>
  `,
})
export class ResetPasswordPage {
  private readonly auth = inject(AuthService);
  readonly token = input<string>();
  readonly password = new FormControl('', { nonNullable: true });
  readonly busy = signal(false);
  readonly done = signal(false);
  readonly errors = new FormErrors();

  async submit(): Promise<void> {
    const password = this.password.value;
    const tooShort = password.length < PASSWORD_MIN_LENGTH;
    this.errors.set(tooShort ? { password: `Use at least ${PASSWORD_MIN_LENGTH} characters` } : {});
    if (tooShort) return;
    this.busy.set(true);
    try {
      await this.auth.confirmPasswordReset(this.token()!, password);
      this.done.set(true);
    } catch (error) {
      this.errors.fromError(error, ['password']);
    } finally {
      this.busy.set(false);
    }
  }
}
