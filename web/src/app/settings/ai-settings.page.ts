import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FormErrors, problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { AI_PROVIDERS, providerOf } from './ai-providers';
import { AiSettings, AiSettingsApi } from './ai-settings.api';

const FIELDS = { baseUrl: 'Base URL', model: 'Model', apiKey: 'API key' };

/** Settings › AI writer: the provider the composer's assist and the AI caption node write with. */
@Component({
  selector: 'so-ai-settings',
  imports: [FormsModule, BannerComponent, ConfirmButtonComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .status {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .sample {
      border-left: 3px solid var(--success);
      padding: 0.4rem 0.7rem;
      background: var(--success-soft);
    }
  `,
  template: `
    <h1>AI writer</h1>
    <p class="muted">
      The composer's AI assist and the automations' AI caption step write with this provider. Any OpenAI-compatible API
      works.
    </p>
    @if (settings(); as s) {
      <section class="card" aria-labelledby="ai-status-heading">
        <h2 id="ai-status-heading">In use</h2>
        @if (s.hasKey) {
          <p class="status" data-testid="ai-status">
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path fill="var(--success)" d="M6.5 11.2 3.3 8l-1 1 4.2 4.2 7.2-7.2-1-1z" />
            </svg>
            {{ providerOf(s.baseUrl).label }} · {{ s.model }} · {{ s.baseUrl }}
          </p>
        } @else {
          <p class="status" data-testid="ai-status">
            Offline writer — no AI provider set up. Captions are the text's first sentences with hashtags from its
            words.
          </p>
        }
      </section>
    } @else if (!loadError()) {
      <p class="muted" role="status">Loading…</p>
    }
    <so-banner [message]="loadError()" />
    <so-banner [message]="errors.banner()" />
    <so-banner kind="success" [message]="notice()" />
    <form (ngSubmit)="save()" novalidate class="card">
      <fieldset [disabled]="!canEdit()">
        <label for="ai-provider">Provider</label>
        <select id="ai-provider" name="provider" [ngModel]="provider()" (ngModelChange)="choose($event)">
          @for (p of providers; track p.id) {
            <option [value]="p.id">{{ p.label }}</option>
          }
        </select>
        <label for="ai-base-url">Base URL</label>
        <input
          id="ai-base-url"
          name="baseUrl"
          type="url"
          [(ngModel)]="baseUrl"
          placeholder="https://api.example.com/v1"
          aria-describedby="ai-base-url-hint ai-base-url-error"
        />
        <p class="hint" id="ai-base-url-hint">A public address; addresses on your own network are refused.</p>
        <so-field-error errorId="ai-base-url-error" [message]="errors.field('baseUrl')" />
        <label for="ai-model">Model</label>
        <input id="ai-model" name="model" [(ngModel)]="model" aria-describedby="ai-model-error" />
        <so-field-error errorId="ai-model-error" [message]="errors.field('model')" />
        <label for="ai-key">API key</label>
        <input
          id="ai-key"
          name="apiKey"
          type="password"
          autocomplete="off"
          [(ngModel)]="apiKey"
          [placeholder]="settings()?.hasKey ? 'Saved — enter the key again to change the provider' : ''"
          aria-describedby="ai-key-hint ai-key-error"
        />
        <p class="hint" id="ai-key-hint">Stored encrypted and never shown again.</p>
        <so-field-error errorId="ai-key-error" [message]="errors.field('apiKey')" />
        <div class="button-row">
          <button type="submit" class="primary" [disabled]="busy()">
            {{ busy() === 'save' ? 'Saving…' : 'Save' }}
          </button>
          <button type="button" (click)="test()" [disabled]="busy() || !settings()?.hasKey">
            {{ busy() === 'test' ? 'Testing…' : 'Test' }}
          </button>
          @if (settings()?.hasKey) {
            <so-confirm-button
              label="Remove provider"
              question="Remove the AI provider?"
              detail="Captions are written offline until another provider is saved."
              confirmLabel="Remove"
              (confirmed)="clear()"
            />
          }
        </div>
      </fieldset>
      @if (!canEdit()) {
        <p class="muted">Changing the provider needs the workspace:write permission.</p>
      }
    </form>
    @if (sample(); as s) {
      <section class="card" aria-labelledby="ai-test-heading">
        <h2 id="ai-test-heading">Test passed</h2>
        <p>{{ s.model }} wrote:</p>
        <p class="sample" data-testid="ai-sample">{{ s.sample }}</p>
      </section>
    }
  `,
})
export class AiSettingsPage implements OnInit {
  private readonly api = inject(AiSettingsApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly providers = AI_PROVIDERS;
  readonly providerOf = providerOf;
  readonly errors = new FormErrors();
  readonly canEdit = computed(() => this.workspaces.can('workspace:write'));
  readonly settings = signal<AiSettings | null>(null);
  readonly provider = signal(AI_PROVIDERS[0].id);
  readonly busy = signal<'save' | 'test' | 'clear' | null>(null);
  readonly notice = signal<string | null>(null);
  readonly loadError = signal<string | null>(null);
  readonly sample = signal<{ model: string; sample: string } | null>(null);
  baseUrl = AI_PROVIDERS[0].baseUrl;
  model = AI_PROVIDERS[0].model;
  apiKey = '';

  async ngOnInit(): Promise<void> {
    try {
      this.show(await this.api.get());
    } catch (error) {
      this.loadError.set(problemText(error));
    }
  }

  choose(id: string): void {
    const provider = AI_PROVIDERS.find((p) => p.id === id)!;
    this.provider.set(id);
    if (provider.id !== 'custom') {
      this.baseUrl = provider.baseUrl;
      this.model = provider.model;
    }
  }

  async save(): Promise<void> {
    if (this.busy()) return;
    this.notice.set(null);
    this.sample.set(null);
    this.busy.set('save');
    try {
      this.show(await this.api.save({ baseUrl: this.baseUrl.trim(), model: this.model.trim(), apiKey: this.apiKey }));
      this.apiKey = '';
      this.errors.clear();
      this.notice.set('Saved. Use Test to check that the provider answers.');
    } catch (error) {
      this.errors.fromError(error, FIELDS);
    } finally {
      this.busy.set(null);
    }
  }

  async test(): Promise<void> {
    if (this.busy()) return;
    this.notice.set(null);
    this.sample.set(null);
    this.busy.set('test');
    try {
      this.sample.set(await this.api.test());
      this.errors.clear();
    } catch (error) {
      this.errors.fromError(error, FIELDS);
    } finally {
      this.busy.set(null);
    }
  }

  async clear(): Promise<void> {
    this.busy.set('clear');
    try {
      await this.api.clear();
      this.show({ baseUrl: null, model: null, hasKey: false });
      this.sample.set(null);
      this.notice.set('Removed. Captions are written offline.');
    } catch (error) {
      this.errors.fromError(error, FIELDS);
    } finally {
      this.busy.set(null);
    }
  }

  private show(settings: AiSettings): void {
    this.settings.set(settings);
    if (!settings.hasKey) return;
    this.provider.set(providerOf(settings.baseUrl).id);
    this.baseUrl = settings.baseUrl ?? '';
    this.model = settings.model ?? '';
  }
}
