import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { FormErrors } from '../core/form-errors';
import { AuthLayoutComponent } from '../shared/auth-layout.component';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { EMAIL_PATTERN } from '../shared/format';

@Component({
  selector: 'so-sign-in',
  imports: [ReactiveFormsModule, RouterLink, AuthLayoutComponent, FieldErrorComponent, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-auth-layout heading="Sign in" subtitle="Welcome back.">
      <so-banner [message]="errors.banner()" />
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <label for="email">Email</label>
        <input
          id="email"
          type="email"
          formControlName="email"
          autocomplete="email"
          autofocus
          [attr.aria-invalid]="!!errors.field('email')"
          aria-describedby="email-error"
        />
        <so-field-error errorId="email-error" [message]="errors.field('email')" />

        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          formControlName="password"
          autocomplete="current-password"
          [attr.aria-invalid]="!!errors.field('password')"
          aria-describedby="password-error"
        />
        <so-field-error errorId="password-error" [message]="errors.field('password')" />

        <button class="primary wide" type="submit" [disabled]="busy()">{{ busy() ? 'Signing in…' : 'Sign in' }}</button>
      </form>
      <p class="links">
        <a routerLink="/forgot-password">Forgot your password?</a> ·
        <a routerLink="/sign-up" [queryParams]="{ next: next() || null, email: email() || null }">Create an account</a>
      </p>
    </so-auth-layout>
  `,
})
export class SignInPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly next = input<string>();
  /** Prefilled from an invite link. */
  readonly email = input<string>();
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    if (this.email()) this.form.controls.email.setValue(this.email()!);
  }

  async submit(): Promise<void> {
    const { email, password } = this.form.getRawValue();
    const fields: Record<string, string> = {};
    if (!EMAIL_PATTERN.test(email.trim())) fields['email'] = 'Enter your email address';
    if (!password) fields['password'] = 'Enter your password';
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      await this.auth.login(email.trim(), password);
      await this.router.navigateByUrl(this.next() || '/');
    } catch (error) {
      this.errors.fromError(error, ['email', 'password']);
    } finally {
      this.busy.set(false);
    }
  }
}
