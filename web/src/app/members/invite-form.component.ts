import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { EMAIL_PATTERN, WhenPipe } from '../shared/format';
import { MembersStore } from './members.store';

/** Invite by email and role; afterwards the accept link is shown with a copy button. */
@Component({
  selector: 'so-invite-form',
  imports: [WhenPipe, ReactiveFormsModule, BannerComponent, FieldErrorComponent, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <so-banner [message]="errors.banner()" />
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="inline-form">
        <div class="grow">
          <label for="invite-email">Email</label>
          <input
            id="invite-email"
            type="email"
            formControlName="email"
            placeholder="teammate@example.com"
            [attr.aria-invalid]="!!errors.field('email')"
            aria-describedby="invite-email-error"
          />
          <so-field-error errorId="invite-email-error" [message]="errors.field('email')" />
        </div>
        <div>
          <label for="invite-role">Role</label>
          <select id="invite-role" formControlName="role" aria-describedby="invite-role-error">
            @for (role of assignableRoles(); track role.id) {
              <option [value]="role.id">{{ role.name }}</option>
            }
          </select>
          <so-field-error errorId="invite-role-error" [message]="errors.field('role')" />
        </div>
        <div>
          <button class="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send invite' }}</button>
        </div>
      </form>
      @if (store.lastInvite(); as sent) {
        <div class="banner success" role="status">
          Invite sent to <strong>{{ sent.email }}</strong>. They can also join with this link (valid until
          {{ sent.expiresAt | when }}):
          <div class="secret">
            <code data-testid="invite-link">{{ sent.acceptUrl }}</code>
            <so-copy-button [text]="sent.acceptUrl ?? ''" label="Copy link" />
          </div>
        </div>
      }
    </section>
  `,
})
export class InviteFormComponent {
  readonly store = inject(MembersStore);
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  /** No one invites beyond their own power (only an Owner may make someone an Owner). */
  readonly assignableRoles = this.store.grantableRoles;
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true }),
    role: new FormControl('editor', { nonNullable: true }),
  });

  async submit(): Promise<void> {
    const { email, role } = this.form.getRawValue();
    const valid = EMAIL_PATTERN.test(email.trim());
    this.errors.set(valid ? {} : { email: 'Enter a valid email address' });
    if (!valid) return;
    this.busy.set(true);
    try {
      await this.store.invite(email.trim(), role);
      this.form.controls.email.reset();
    } catch (error) {
      this.errors.fromError(error, ['email', 'role']);
    } finally {
      this.busy.set(false);
    }
  }
}
