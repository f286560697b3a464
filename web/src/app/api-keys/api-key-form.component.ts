import { ChangeDetectionStrategy, Component, computed, inject, OnInit, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { TeamApi } from '../members/team.api';
import { ApiKeysStore } from './api-keys.store';

/** Name a key and pick its scopes, which can only be permissions the caller holds. */
@Component({
  selector: 'so-api-key-form',
  imports: [FormsModule, BannerComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">Create a key</h2>
      <so-banner [message]="errors.banner()" />
      <form (ngSubmit)="submit()" novalidate>
        <label for="key-name">Name</label>
        <input
          id="key-name"
          name="name"
          [(ngModel)]="name"
          placeholder="e.g. Zapier, CMS, reporting script"
          [attr.aria-invalid]="!!errors.field('name')"
          aria-describedby="key-name-error"
        />
        <so-field-error errorId="key-name-error" [message]="errors.field('name')" />
        <fieldset class="checklist" aria-describedby="key-scopes-hint key-scopes-error">
          <legend>Scopes</legend>
          <p class="hint full-row" id="key-scopes-hint">Only permissions you hold yourself can be granted.</p>
          @for (p of grantable(); track p) {
            <label class="check"
              ><input type="checkbox" [checked]="scopes().has(p)" (change)="toggle(p)" />
              <span
                ><code>{{ p }}</code> <span class="muted small">{{ descriptions().get(p) }}</span></span
              ></label
            >
          }
        </fieldset>
        <so-field-error errorId="key-scopes-error" [message]="errors.field('scopes')" />
        <button class="primary" type="submit" [disabled]="busy()">{{ busy() ? 'Creating…' : 'Create key' }}</button>
      </form>
    </section>
  `,
})
export class ApiKeyFormComponent implements OnInit {
  private readonly store = inject(ApiKeysStore);
  private readonly workspaces = inject(WorkspaceService);
  private readonly team = inject(TeamApi);
  /** What each scope allows, in words (the same catalogue the roles page shows). */
  readonly descriptions = signal(new Map<string, string>());
  readonly created = output<void>();
  readonly grantable = computed(() => this.workspaces.current()?.permissions ?? []);
  readonly scopes = signal(new Set<string>());
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  name = '';

  async ngOnInit(): Promise<void> {
    // Without the words the scopes still work: a failed read leaves the codes alone.
    const catalogue = await this.team.permissions().catch(() => []);
    this.descriptions.set(new Map(catalogue.map((p) => [p.name, p.description])));
  }

  toggle(scope: string): void {
    const next = new Set(this.scopes());
    if (!next.delete(scope)) next.add(scope);
    this.scopes.set(next);
  }

  async submit(): Promise<void> {
    const fields: Record<string, string> = {};
    if (!this.name.trim()) fields['name'] = 'Name the key after what will use it';
    if (!this.scopes().size) fields['scopes'] = 'Choose at least one scope';
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      // Scopes in the catalogue's order, not the order they were ticked.
      await this.store.create(
        this.name.trim(),
        this.grantable().filter((p) => this.scopes().has(p)),
      );
      this.name = '';
      this.scopes.set(new Set());
      this.created.emit();
    } catch (error) {
      this.errors.fromError(error, ['name', 'scopes']);
    } finally {
      this.busy.set(false);
    }
  }
}
