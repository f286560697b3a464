import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { RolesStore } from './roles.store';

/** An Owner's form for a custom role: a name and a permission checklist. */
@Component({
  selector: 'so-role-form',
  imports: [FormsModule, BannerComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="new-role-heading">
      <h2 id="new-role-heading">New custom role</h2>
      <so-banner [message]="errors.banner()" />
      <so-banner kind="success" [message]="created()" />
      <form (ngSubmit)="submit()" novalidate>
        <label for="role-name">Name</label>
        <input
          id="role-name"
          name="name"
          [(ngModel)]="name"
          placeholder="Community manager"
          [attr.aria-invalid]="!!errors.field('name')"
          aria-describedby="role-name-error"
        />
        <so-field-error errorId="role-name-error" [message]="errors.field('name')" />
        <fieldset class="checklist" aria-describedby="role-perms-error">
          <legend>Permissions</legend>
          @for (p of store.permissions(); track p.name) {
            <label class="check"
              ><input type="checkbox" [checked]="chosen().has(p.name)" (change)="toggle(p.name)" />
              <span
                ><code>{{ p.name }}</code> <span class="muted small">{{ p.description }}</span></span
              ></label
            >
          }
        </fieldset>
        <so-field-error errorId="role-perms-error" [message]="errors.field('permissions')" />
        <button class="primary" type="submit" [disabled]="busy()">Create role</button>
      </form>
    </section>
  `,
})
export class RoleFormComponent {
  readonly store = inject(RolesStore);
  readonly chosen = signal(new Set<string>());
  readonly busy = signal(false);
  readonly created = signal<string | null>(null);
  readonly errors = new FormErrors();
  name = '';

  toggle(permission: string): void {
    const next = new Set(this.chosen());
    if (!next.delete(permission)) next.add(permission);
    this.chosen.set(next);
  }

  async submit(): Promise<void> {
    this.created.set(null);
    const name = this.name.trim();
    const fields: Record<string, string> = {};
    if (!name) fields['name'] = 'Give the role a name';
    if (!this.chosen().size) fields['permissions'] = 'Choose at least one permission';
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      await this.store.create(name, [...this.chosen()]);
      this.name = '';
      this.chosen.set(new Set());
      this.created.set(`Role ${name} created.`);
    } catch (error) {
      this.errors.fromError(error, ['name', 'permissions']);
    } finally {
      this.busy.set(false);
    }
  }
}
