import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { FormErrors } from '../core/form-errors';
import { AuthLayoutComponent } from '../shared/auth-layout.component';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { EMAIL_PATTERN } from '../shared/format';

@Component({
  selector: 'so-forgot-password',
  imports: [ReactiveFormsModule, RouterLink, AuthLayoutComponent, FieldErrorComponent, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-auth-layout heading="Forgot your password?" subtitle="We will email you a link to choose a new one.">
      @if (sent()) {
        <so-banner
          kind="success"
          message="If an account exists for that address, a reset link is on its way. It expires in an hour."
        />
      } @else {
        <so-banner [message]="errors.banner()" />
        <form (ngSubmit)="submit()" novalidate>
          <label for="email">Email</label>
          <input
            id="email"
            type="email"
            [formControl]="email"
            autocomplete="email"
            autofocus
            aria-describedby="email-error"
          />
          <so-field-error errorId="email-error" [message]="errors.field('email')" />
          <button class="primary wide" type="submit" [disabled]="busy()">Send reset link</button>
        </form>
      }
      <p class="links"><a routerLink="/sign-in">Back to sign in</a></p>
    </so-auth-layout>
  `,
})
export class ForgotPasswordPage {
  private readonly auth = inject(AuthService);
  readonly email = new FormControl('', { nonNullable: true });
  readonly busy = signal(false);
  readonly sent = signal(false);
  readonly errors = new FormErrors();

  async submit(): Promise<void> {
    const email = this.email.value.trim();
    this.errors.set(EMAIL_PATTERN.test(email) ? {} : { email: 'Enter a valid email address' });
    if (!EMAIL_PATTERN.test(email)) return;
    this.busy.set(true);
    try {
      await this.auth.requestPasswordReset(email);
      this.sent.set(true);
    } catch (error) {
      this.errors.fromError(error, ['email']);
    } finally {
      this.busy.set(false);
    }
  }
}
