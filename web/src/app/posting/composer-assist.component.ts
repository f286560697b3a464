import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { NetworkId } from '../core/api.types';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { AiCaption, AssistAction, ComposerAssistApi, Tone, TONES } from './composer-assist.api';

/** Every network, for fitting a caption before any account is chosen. */
const ALL_NETWORKS: { network: NetworkId; networkLabel: string }[] = [
  { network: 'x', networkLabel: 'X' },
  { network: 'instagram', networkLabel: 'Instagram' },
  { network: 'facebook', networkLabel: 'Facebook' },
  { network: 'linkedin', networkLabel: 'LinkedIn' },
  { network: 'sandbox', networkLabel: 'Sandbox' },
];

const BUSY_LABELS: Record<AssistAction, string> = {
  write: 'Writing a caption…',
  rewrite: 'Rewriting your text…',
  hashtags: 'Finding hashtags…',
};

/**
 * AI assist beside the post text: write from a brief, rewrite the text, or suggest hashtags, fitted
 * to one network's length, through the workspace's AI (or the offline writer, said plainly).
 */
@Component({
  selector: 'so-composer-assist',
  imports: [FormsModule, RouterLink, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .assist {
      margin: 0.75rem 0;
    }
    .assist h2 {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    .generator {
      font-size: 0.85rem;
      padding: 0.4rem 0.6rem;
      border-radius: 8px;
      background: var(--primary-soft);
      margin: 0 0 0.6rem;
    }
    .generator.offline {
      background: #fff7e6;
    }
    .assist-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
    }
    .assist-row > div {
      flex: 1 1 10rem;
    }
    .result {
      border-left: 3px solid var(--primary);
      padding: 0.4rem 0.7rem;
      margin: 0.6rem 0;
      white-space: pre-wrap;
      background: var(--bg);
    }
    .tag-list {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      list-style: none;
      padding: 0;
      margin: 0.5rem 0;
    }
  `,
  template: `
    <section class="assist card" aria-labelledby="assist-heading">
      <h2 id="assist-heading">
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M8 0l1.6 4.4L14 6 9.6 7.6 8 12 6.4 7.6 2 6l4.4-1.6zM13 10l.8 2.2L16 13l-2.2.8L13 16l-.8-2.2L10 13l2.2-.8z"
          />
        </svg>
        AI assist
      </h2>
      @if (offline()) {
        <p class="generator offline" data-testid="assist-generator">
          Offline writer — no AI provider set up;
          <a [routerLink]="['/w', workspaceId(), 'ai-settings']">connect one in Settings</a>
        </p>
      } @else if (offline() === false) {
        <p class="generator" data-testid="assist-generator">Writing with {{ model() ?? 'your AI provider' }}</p>
      }
      <so-banner [message]="errors.banner()" />
      <div class="assist-row">
        <div>
          <label for="assist-network">Fit for</label>
          <select id="assist-network" [ngModel]="network()" (ngModelChange)="chosenNetwork.set($event)">
            @for (n of networkChoices(); track n.network) {
              <option [value]="n.network">{{ n.networkLabel }}</option>
            }
          </select>
        </div>
        <div>
          <label for="assist-tone">Tone</label>
          <select id="assist-tone" [ngModel]="tone()" (ngModelChange)="tone.set($event)">
            <option value="">As it is</option>
            @for (t of tones; track t) {
              <option [value]="t">{{ t }}</option>
            }
          </select>
        </div>
      </div>
      <label for="assist-prompt">Write about</label>
      <div class="assist-row">
        <div>
          <input
            id="assist-prompt"
            [ngModel]="prompt()"
            (ngModelChange)="prompt.set($event)"
            placeholder="Our new autumn menu, out Friday"
            (keydown.enter)="$event.preventDefault(); run('write')"
            aria-describedby="assist-prompt-error"
          />
        </div>
      </div>
      @if (errors.field('prompt'); as e) {
        <p class="field-error" id="assist-prompt-error" role="alert">{{ e }}</p>
      }
      <div class="button-row">
        <button type="button" (click)="run('write')" [disabled]="busy()">Write caption</button>
        <button type="button" (click)="run('rewrite')" [disabled]="busy() || !text().trim()">Rewrite my text</button>
        <button type="button" (click)="run('hashtags')" [disabled]="busy() || !text().trim()">Suggest hashtags</button>
      </div>
      <p class="muted small" role="status" aria-live="polite">{{ busy() ? busyLabel() : '' }}</p>
      @if (result(); as r) {
        @if (r.text !== null) {
          <div class="result" data-testid="assist-result">{{ r.text }}</div>
          <p class="muted small">{{ length(r.text) }} / {{ r.maxLength }} characters</p>
          <div class="button-row">
            <button type="button" class="primary" (click)="use(r.text)">Use this text</button>
            <button type="button" class="ghost" (click)="result.set(null)">Discard</button>
          </div>
        } @else if (r.hashtags.length) {
          <ul class="tag-list" aria-label="Suggested hashtags">
            @for (tag of r.hashtags; track tag) {
              <li>
                <button type="button" class="small" (click)="add(tag)" [attr.aria-label]="'Add ' + tag">
                  {{ tag }}
                </button>
              </li>
            }
          </ul>
          <button type="button" class="small" (click)="addAll(r.hashtags)">Add all</button>
        } @else {
          <p class="muted">No hashtag fits this text yet: name its topic in a few words.</p>
        }
      }
    </section>
  `,
})
export class ComposerAssistComponent implements OnInit {
  private readonly api = inject(ComposerAssistApi);
  private readonly workspaces = inject(WorkspaceService);
  /** The post text as it is now. */
  readonly text = input.required<string>();
  /** The networks the post goes to (every network while none is chosen). */
  readonly networks = input<{ network: NetworkId; networkLabel: string }[]>([]);
  /** The post text should become this. */
  readonly replaceText = output<string>();
  /** This goes at the caret. */
  readonly insertText = output<string>();
  readonly tones = TONES;
  readonly errors = new FormErrors();
  readonly workspaceId = this.workspaces.currentId;
  readonly prompt = signal('');
  readonly tone = signal<Tone | ''>('');
  readonly chosenNetwork = signal<NetworkId | null>(null);
  readonly busy = signal<AssistAction | null>(null);
  readonly result = signal<AiCaption | null>(null);
  /** null until known: the settings say, or the first answer does. */
  readonly offline = signal<boolean | null>(null);
  readonly model = signal<string | null>(null);
  readonly networkChoices = computed(() => {
    const unique = new Map(this.networks().map((n) => [n.network, n]));
    return unique.size ? [...unique.values()] : ALL_NETWORKS;
  });
  /** The chosen network while the post still targets it, else the first it targets. */
  readonly network = computed(() => {
    const chosen = this.chosenNetwork();
    const choices = this.networkChoices();
    return choices.some((n) => n.network === chosen) ? chosen! : choices[0].network;
  });
  readonly busyLabel = computed(() => (this.busy() ? BUSY_LABELS[this.busy()!] : ''));

  async ngOnInit(): Promise<void> {
    if (!this.workspaces.can('automations:read')) return;
    try {
      const provider = await this.api.provider();
      this.offline.set(!provider.hasKey);
      this.model.set(provider.model);
    } catch {
      // Unknown until the first answer, which says which writer wrote it.
    }
  }

  async run(action: AssistAction): Promise<void> {
    if (this.busy()) return;
    if (action === 'write' && !this.prompt().trim()) {
      this.errors.set({ prompt: 'Say what the post is about' });
      return;
    }
    this.errors.clear();
    this.busy.set(action);
    this.result.set(null);
    try {
      const answer = await this.api.caption({
        action,
        network: this.network(),
        ...(action === 'write' ? { prompt: this.prompt().trim() } : { text: this.text() }),
        ...(this.tone() ? { tone: this.tone() as Tone } : {}),
      });
      this.offline.set(answer.generator === 'offline');
      this.model.set(answer.model);
      this.result.set(answer);
    } catch (error) {
      this.errors.fromError(error, { prompt: 'Write about', text: 'Post text', network: 'Fit for', tone: 'Tone' });
    } finally {
      this.busy.set(null);
    }
  }

  length(text: string): number {
    return [...text].length;
  }

  use(text: string): void {
    this.replaceText.emit(text);
    this.result.set(null);
  }

  add(tag: string): void {
    this.insertText.emit(` ${tag}`);
    this.result.update((r) => (r ? { ...r, hashtags: r.hashtags.filter((t) => t !== tag) } : r));
  }

  addAll(tags: string[]): void {
    this.insertText.emit(` ${tags.join(' ')}`);
    this.result.set(null);
  }
}
