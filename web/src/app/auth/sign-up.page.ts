import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { FormErrors } from '../core/form-errors';
import { AuthLayoutComponent } from '../shared/auth-layout.component';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { EMAIL_PATTERN } from '../shared/format';

export const PASSWORD_MIN_LENGTH = 10;

@Component({
  selector: 'so-sign-up',
  imports: [ReactiveFormsModule, RouterLink, AuthLayoutComponent, FieldErrorComponent, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-auth-layout heading="Create your account" subtitle="Plan, approve and automate your social media as a team.">
      <so-banner [message]="errors.banner()" />
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <label for="name">Your name</label>
        <input
          id="name"
          formControlName="name"
          autocomplete="name"
          autofocus
          [attr.aria-invalid]="!!errors.field('name')"
          aria-describedby="name-error"
        />
        <so-field-error errorId="name-error" [message]="errors.field('name')" />

        <label for="email">Email</label>
        <input
          id="email"
          type="email"
          formControlName="email"
          autocomplete="email"
          [attr.aria-invalid]="!!errors.field('email')"
          aria-describedby="email-error"
        />
        <so-field-error errorId="email-error" [message]="errors.field('email')" />

        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          formControlName="password"
          autocomplete="new-password"
          [attr.aria-invalid]="!!errors.field('password')"
          aria-describedby="password-hint password-error"
        />
        <p class="hint" id="password-hint">At least {{ minLength }} characters.</p>
        <so-field-error errorId="password-error" [message]="errors.field('password')" />

        <button class="primary wide" type="submit" [disabled]="busy()">
          {{ busy() ? 'Creating account…' : 'Create account' }}
        </button>
      </form>
      <p class="links">
        Already have an account?
        <a routerLink="/sign-in" [queryParams]="{ next: next() || null, email: email() || null }">Sign in</a>
      </p>
    </so-auth-layout>
  `,
})
export class SignUpPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly next = input<string>();
  /** Prefilled from an invite link. */
  readonly email = input<string>();
  readonly minLength = PASSWORD_MIN_LENGTH;
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    if (this.email()) this.form.controls.email.setValue(this.email()!);
  }

  async submit(): Promise<void> {
    const { name, email, password } = this.form.getRawValue();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields['name'] = 'Enter your name';
    if (!EMAIL_PATTERN.test(email.trim())) fields['email'] = 'Enter a valid email address';
    if (password.length < PASSWORD_MIN_LENGTH) fields['password'] = `Use at least ${PASSWORD_MIN_LENGTH} characters`;
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      await this.auth.register(name.trim(), email.trim(), password);
      await this.router.navigateByUrl(this.next() || '/workspaces');
    } catch (error) {
      this.errors.fromError(error, ['name', 'email', 'password']);
    } finally {
      this.busy.set(false);
    }
  }
}
