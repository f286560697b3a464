import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import type { ApiKey, Page } from '../core/api.types';
import { FormErrors, toProblem } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { CopyButtonComponent } from '../shared/copy-button.component';
import { DialogComponent } from '../shared/dialog.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { when } from '../shared/format';

@Component({
  selector: 'so-api-keys',
  imports: [
    FormsModule,
    BannerComponent,
    FieldErrorComponent,
    ConfirmButtonComponent,
    CopyButtonComponent,
    DialogComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>API keys</h1>
    <p class="muted">
      Keys call the REST API (<a href="/api/docs" target="_blank" rel="noopener">documentation</a>) as this workspace
      with <code>Authorization: Bearer &lt;key&gt;</code>. A key never has more permissions than its creator.
    </p>
    <so-banner [message]="error()" />

    @if (canWrite()) {
      <section class="card">
        <h2>Create a key</h2>
        <so-banner [message]="errors.banner()" />
        <form (ngSubmit)="create()" novalidate>
          <label for="key-name">Name</label>
          <input
            id="key-name"
            name="name"
            [(ngModel)]="name"
            placeholder="e.g. Zapier, CMS, reporting script"
            aria-describedby="key-name-error"
          />
          <so-field-error errorId="key-name-error" [message]="errors.field('name')" />
          <fieldset class="checklist">
            <legend>Scopes</legend>
            @for (p of grantable(); track p) {
              <label class="check"
                ><input type="checkbox" [checked]="scopes().has(p)" (change)="toggle(p)" /> <code>{{ p }}</code></label
              >
            }
          </fieldset>
          <so-field-error errorId="key-scopes-error" [message]="errors.field('scopes')" />
          <button class="primary" type="submit" [disabled]="busy()">Create key</button>
        </form>
      </section>
    }

    <section class="card">
      <h2>Active keys</h2>
      @if (keys() === null) {
        <p class="muted" role="status">Loading keys…</p>
      } @else if (keys()!.length) {
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (k of keys(); track k.id) {
              <tr>
                <td>
                  {{ k.name }}<br /><span class="muted small">by {{ k.createdBy?.name ?? 'a former member' }}</span>
                </td>
                <td>
                  <code>{{ k.prefix }}_…</code>
                </td>
                <td>
                  @for (s of k.scopes; track s) {
                    <span class="tag">{{ s }}</span>
                  }
                </td>
                <td>{{ when(k.createdAt) }}</td>
                <td>{{ k.lastUsedAt ? when(k.lastUsedAt) : 'Never' }}</td>
                <td class="actions-cell">
                  @if (canWrite()) {
                    <so-confirm-button
                      label="Revoke"
                      [ariaLabel]="'Revoke key ' + k.name"
                      [question]="'Revoke ' + k.name + '?'"
                      detail="Requests with this key fail at once. This cannot be undone."
                      confirmLabel="Revoke key"
                      (confirmed)="revoke(k)"
                    />
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="muted">No API keys yet.</p>
      }
    </section>

    <so-dialog heading="Your new API key" (closed)="created.set(null)">
      <p>Copy it now: this is the only time it is shown.</p>
      <div class="secret">
        <code data-testid="api-key-secret">{{ created()?.key }}</code><so-copy-button [text]="created()?.key ?? ''" />
      </div>
      <div class="actions"><button type="button" class="primary" (click)="dialog().close()">Done</button></div>
    </so-dialog>
  `,
})
export class ApiKeysPage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly workspaces = inject(WorkspaceService);
  readonly when = when;
  readonly keys = signal<ApiKey[] | null>(null);
  readonly scopes = signal(new Set<string>());
  readonly created = signal<ApiKey | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly errors = new FormErrors();
  readonly canWrite = computed(() => this.workspaces.can('api-keys:write'));
  readonly grantable = computed(() => this.workspaces.current()?.permissions ?? []);
  readonly dialog = viewChild.required(DialogComponent);
  name = '';

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  toggle(scope: string): void {
    const next = new Set(this.scopes());
    if (!next.delete(scope)) next.add(scope);
    this.scopes.set(next);
  }

  async create(): Promise<void> {
    const fields: Record<string, string> = {};
    if (!this.name.trim()) fields['name'] = 'Name the key after what will use it';
    if (!this.scopes().size) fields['scopes'] = 'Choose at least one scope';
    this.errors.set(fields);
    if (Object.keys(fields).length) return;
    this.busy.set(true);
    try {
      const key = await firstValueFrom(
        this.http.post<ApiKey>('/api/v1/api-keys', { name: this.name.trim(), scopes: [...this.scopes()] }),
      );
      this.created.set(key);
      this.dialog().open();
      this.name = '';
      this.scopes.set(new Set());
      await this.reload();
    } catch (error) {
      this.errors.fromError(error, ['name', 'scopes']);
    } finally {
      this.busy.set(false);
    }
  }

  async revoke(key: ApiKey): Promise<void> {
    this.error.set(null);
    await firstValueFrom(this.http.delete(`/api/v1/api-keys/${key.id}`)).catch((error) =>
      this.error.set(toProblem(error).title),
    );
    await this.reload();
  }

  private async reload(): Promise<void> {
    try {
      this.keys.set((await firstValueFrom(this.http.get<Page<ApiKey>>('/api/v1/api-keys'))).items);
    } catch (error) {
      this.error.set(toProblem(error).title);
    }
  }
}
