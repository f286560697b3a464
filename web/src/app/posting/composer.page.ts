import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnInit,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { AccountsStore } from '../accounts/accounts.store';
import { NetworkBadgeComponent } from '../accounts/network-badge.component';
import type { MediaItem, NetworkId, VariantPreview } from '../core/api.types';
import { FormErrors, problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { ComposerMediaComponent } from '../media/composer-media.component';
import { BannerComponent } from '../shared/banner.component';
import { FieldErrorComponent } from '../shared/field-error.component';
import { PostInput, PostsApi } from './posts.api';
import type { PostTemplate } from './composer-assist.api';
import { ComposerAssistComponent } from './composer-assist.component';
import { HashtagToolsComponent } from './hashtag-tools.component';
import { PostTemplatesComponent } from './post-templates.component';
import { PostPreviewComponent } from './post-preview.component';
import { choiceOf, defaultChoice, ScheduleChoice, toScheduleInput } from './schedule-choice';
import { SchedulePickerComponent } from './schedule-picker.component';
import { composerErrors, variantFieldLabel } from './composer-errors';
import { LinkCard, LinkPreviewApi } from './link-preview.api';
import { NetworkRulesStore } from './network-rules';
import { choiceFrom, emptyChoice, orderedMedia, VariantChoice, variantOptions } from './variant-choice';
import { VariantOptionsComponent } from './variant-options.component';

/** A `datetime-local` value: the calendar's "compose at" link. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const EMOJI = ['😀', '🎉', '🚀', '❤️', '👍', '🔥', '✨', '📣'];
const SUBMIT_LABELS = {
  now: 'Publish now',
  draft: 'Save draft',
  single: 'Schedule',
  queue: 'Add to queue',
  'best-time': 'Schedule at the best time',
  recurring: 'Schedule',
  evergreen: 'Schedule',
};

/** Write once, target several accounts, adjust per account, see it as each network shows it, schedule. */
@Component({
  selector: 'so-composer',
  imports: [
    FormsModule,
    BannerComponent,
    ComposerMediaComponent,
    FieldErrorComponent,
    NetworkBadgeComponent,
    PostPreviewComponent,
    SchedulePickerComponent,
    VariantOptionsComponent,
    ComposerAssistComponent,
    HashtagToolsComponent,
    PostTemplatesComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.control.enter)': 'submit()', '(keydown.meta.enter)': 'submit()' },
  template: `
    <h1>{{ postId() ? 'Edit post' : 'Compose' }}</h1>
    <so-banner [message]="errors.banner()" />
    <so-post-templates [draft]="input()" (start)="applyTemplate($event)" />
    @if (accounts().length === 0 && store.accounts() !== null) {
      <div class="empty-state card">
        <p>Connect an account first — a Sandbox account needs no credentials.</p>
        <a href="#" (click)="$event.preventDefault(); goAccounts()">Go to accounts</a>
      </div>
    }
    <form class="composer" (ngSubmit)="submit()" novalidate>
      <div class="composer-main card">
        <label for="post-title">Title (optional, only for your team)</label>
        <input id="post-title" name="title" [(ngModel)]="title" />

        <label for="post-text">Post text</label>
        <textarea
          id="post-text"
          name="text"
          rows="6"
          [ngModel]="text()"
          (ngModelChange)="text.set($event)"
          aria-describedby="post-text-hint"
        ></textarea>
        <div class="emoji-row" id="post-text-hint">
          @for (e of emoji; track e) {
            <button type="button" class="small ghost" (click)="insert(e)" [attr.aria-label]="'Insert ' + e">
              {{ e }}
            </button>
          }
          <span class="muted small">Ctrl+Enter to submit</span>
        </div>
        <so-composer-assist
          [text]="text()"
          [networks]="targets()"
          (replaceText)="text.set($event)"
          (insertText)="insert($event)"
        />
        <so-hashtag-tools [text]="text()" (insertText)="insert($event)" />

        <fieldset aria-describedby="accounts-error">
          <legend>Publish to</legend>
          @for (a of accounts(); track a.id) {
            <label class="check">
              <input
                type="checkbox"
                [checked]="selected().has(a.id)"
                (change)="toggle(a.id)"
                [disabled]="a.status !== 'active'"
              />
              {{ a.name }} <so-network-badge [network]="a.network" />
              @if (a.status !== 'active') {
                <span class="muted small">({{ a.status === 'disabled' ? 'disabled' : 'reconnect needed' }})</span>
              }
            </label>
          }
        </fieldset>
        <so-field-error errorId="accounts-error" [message]="errors.field('variants')" />

        <so-composer-media [(media)]="media" />

        <label for="post-link">Link (optional)</label>
        <input
          id="post-link"
          name="link"
          type="url"
          [ngModel]="link()"
          (ngModelChange)="link.set($event)"
          placeholder="https://"
        />
        <label for="post-labels">Labels (comma-separated)</label>
        <input id="post-labels" name="labels" [(ngModel)]="labels" placeholder="launch, q4" />

        <so-schedule-picker
          [(choice)]="schedule"
          [zone]="zone()"
          [postingTimes]="postingTimes()"
          [error]="scheduleError()"
        />
        <div class="button-row">
          <button type="submit" class="primary" [disabled]="busy()">{{ busy() ? 'Saving…' : submitLabel() }}</button>
          <button type="button" [disabled]="busy()" (click)="submitForApproval()">Submit for approval</button>
        </div>
      </div>

      <aside class="composer-side">
        @if (targets().length === 0) {
          <p class="muted">Choose accounts to see how the post will look on each.</p>
        } @else {
          <div role="tablist" aria-label="Accounts">
            @for (a of targets(); track a.id) {
              <button
                type="button"
                role="tab"
                [id]="'tab-' + a.id"
                [attr.aria-selected]="activeTab() === a.id"
                [attr.aria-controls]="'panel-' + a.id"
                [class.has-problems]="problemsOf(a.id).length > 0"
                (click)="activeTab.set(a.id)"
              >
                {{ a.name }}
              </button>
            }
          </div>
          @for (a of targets(); track a.id) {
            @if (activeTab() === a.id) {
              <div role="tabpanel" [id]="'panel-' + a.id" [attr.aria-labelledby]="'tab-' + a.id" class="card">
                <label [for]="'own-text-' + a.id">Text for {{ a.name }}</label>
                <textarea
                  [id]="'own-text-' + a.id"
                  rows="3"
                  [ngModel]="overrides()[a.id] ?? ''"
                  (ngModelChange)="override(a.id, $event)"
                  placeholder="Uses the post text"
                ></textarea>
                <p class="counter" [class.over]="isOver(a.id)" [attr.data-testid]="'count-' + a.id">
                  {{ previewOf(a.id)?.length ?? 0 }} / {{ previewOf(a.id)?.maxLength ?? '…' }} characters
                </p>
                <so-variant-options
                  [accountId]="a.id"
                  [rules]="networkRules.of(a.network)"
                  [choice]="choiceOf(a.id)"
                  (choiceChange)="setChoice(a.id, $event)"
                  [inferredType]="previewOf(a.id)?.postType ?? null"
                  [media]="media()"
                  [problems]="problemsOf(a.id)"
                />
                @if (problemsOf(a.id).length) {
                  <ul class="problems" role="list" [attr.aria-label]="'Problems for ' + a.name">
                    @for (p of problemsOf(a.id); track p.field + p.message) {
                      <li>{{ fieldLabel(p.field) }} {{ p.message }}</li>
                    }
                  </ul>
                }
                @for (f of fixable()[a.id] ?? []; track f.media.id) {
                  <p class="fix-offer">
                    {{ f.media.fileName }}: {{ f.description }}
                    <button type="button" class="small" (click)="fix(f.media, a.network)">Fix automatically</button>
                  </p>
                }
                <so-post-preview
                  [network]="a.network"
                  [accountName]="a.name"
                  [text]="previewOf(a.id)?.text ?? textFor(a.id)"
                  [media]="mediaFor(a.id)"
                  [link]="link() || null"
                  [postType]="choiceOf(a.id).postType ?? previewOf(a.id)?.postType ?? null"
                  [options]="optionsFor(a.id, a.network, choiceOf(a.id).postType ?? previewOf(a.id)?.postType ?? null)"
                  [linkCard]="linkCard()"
                />
              </div>
            }
          }
        }
      </aside>
    </form>
  `,
})
export class ComposerPage implements OnInit {
  private readonly api = inject(PostsApi);
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspaceService);
  readonly store = inject(AccountsStore);
  readonly networkRules = inject(NetworkRulesStore);
  private readonly linkPreviews = inject(LinkPreviewApi);
  /** Set when editing (route `posts/:postId/edit`). */
  readonly postId = input<string>();
  /** `?at=2026-11-30T09:15` (wall time in the workspace zone): a new post for that time, from the calendar. */
  readonly at = input<string>();
  readonly emoji = EMOJI;
  readonly errors = new FormErrors();
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  readonly postingTimes = computed(() => this.workspaces.current()?.defaultPostingTimes ?? []);
  readonly accounts = computed(() => this.store.accounts() ?? []);
  readonly text = signal('');
  readonly link = signal('');
  readonly selected = signal(new Set<string>());
  readonly overrides = signal<Partial<Record<string, string>>>({});
  readonly media = signal<MediaItem[]>([]);
  readonly previews = signal<VariantPreview[]>([]);
  readonly fixable = signal<Partial<Record<string, { media: MediaItem; description: string }[]>>>({});
  readonly activeTab = signal<string | null>(null);
  /** Each account's post type and options, by account id. */
  readonly choices = signal<Partial<Record<string, VariantChoice>>>({});
  /** The link's card (og: title, image), fetched by the server once the link looks complete. */
  readonly linkCard = signal<LinkCard | null>(null);
  readonly busy = signal(false);
  readonly schedule = signal<ScheduleChoice>(defaultChoice('UTC'));
  readonly scheduleError = signal<string | null>(null);
  readonly targets = computed(() => this.accounts().filter((a) => this.selected().has(a.id)));
  readonly submitLabel = computed(() => SUBMIT_LABELS[this.schedule().mode]);
  title = '';
  labels = '';
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private linkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // Live counts and rule checks from the server (the networks' own counting, e.g. X's).
    effect(() => {
      const input = this.input();
      clearTimeout(this.previewTimer);
      if (!input.variants.length) return this.previews.set([]);
      this.previewTimer = setTimeout(() => this.refreshPreview(input), 250);
    });
    // A refusal of the schedule no longer applies once the When choice changes.
    effect(() => {
      this.schedule();
      untracked(() => this.scheduleError.set(null));
    });
    effect(() => {
      const link = this.link().trim();
      clearTimeout(this.linkTimer);
      if (this.linkCard()?.url !== link) this.linkCard.set(null);
      if (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(link)) this.linkTimer = setTimeout(() => this.fetchCard(link), 400);
    });
  }

  /** The card for the link, unless it changed meanwhile; an unreadable page keeps the plain address. */
  private async fetchCard(link: string): Promise<void> {
    try {
      const card = await this.linkPreviews.card(link);
      if (this.link().trim() === link) this.linkCard.set(card);
    } catch {
      // The preview shows the address alone; publishing does not depend on the card.
    }
  }

  choiceOf(accountId: string): VariantChoice {
    return this.choices()[accountId] ?? emptyChoice();
  }

  setChoice(accountId: string, choice: VariantChoice): void {
    this.choices.update((c) => ({ ...c, [accountId]: choice }));
  }

  /** This account's media, in its own order (a carousel's). */
  mediaFor(accountId: string): MediaItem[] {
    return orderedMedia(this.media(), this.choiceOf(accountId).mediaOrder);
  }

  /**
   * The options this account's type takes. `shownType`: the type the preview draws, the server's
   * pick when none is chosen; the request sends only a chosen type's (reading the server's pick
   * there would ask for a new preview with every answer).
   */
  optionsFor(accountId: string, network: NetworkId, shownType = this.choiceOf(accountId).postType) {
    return variantOptions(this.networkRules.of(network), this.choiceOf(accountId), shownType);
  }

  async ngOnInit(): Promise<void> {
    void this.networkRules.load();
    await this.store.load();
    this.schedule.set(defaultChoice(this.zone(), this.postingTimes()));
    const at = this.at();
    if (at && !this.postId() && LOCAL_TIME.test(at)) this.schedule.update((s) => ({ ...s, mode: 'single', at }));
    const id = this.postId();
    if (id) await this.loadPost(id);
  }

  toggle(accountId: string): void {
    const next = new Set(this.selected());
    if (!next.delete(accountId)) next.add(accountId);
    this.selected.set(next);
    if (!this.activeTab() || !next.has(this.activeTab()!)) this.activeTab.set([...next][0] ?? null);
  }

  insert(emoji: string): void {
    const area = document.getElementById('post-text') as HTMLTextAreaElement | null;
    const at = area?.selectionStart ?? this.text().length;
    this.text.set(this.text().slice(0, at) + emoji + this.text().slice(at));
    queueMicrotask(() => {
      area?.focus();
      area?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  }

  override(accountId: string, value: string): void {
    this.overrides.update((o) => ({ ...o, [accountId]: value }));
  }

  textFor(accountId: string): string {
    return this.overrides()[accountId] || this.text();
  }

  previewOf(accountId: string): VariantPreview | undefined {
    return this.previews().find((p) => p.accountId === accountId);
  }

  problemsOf(accountId: string) {
    return this.previewOf(accountId)?.problems ?? [];
  }

  isOver(accountId: string): boolean {
    const p = this.previewOf(accountId);
    return !!p && p.length > p.maxLength;
  }

  fieldLabel(field: string): string {
    return variantFieldLabel(field);
  }

  goAccounts(): Promise<boolean> {
    return this.router.navigate(['/w', this.workspaces.currentId(), 'accounts']);
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    this.scheduleError.set(null);
    if (!this.selected().size) {
      this.errors.set({ variants: 'Choose at least one account' });
      return;
    }
    const input = { ...this.input(), schedule: toScheduleInput(this.schedule(), this.zone()) };
    this.busy.set(true);
    try {
      const id = this.postId();
      const post = id
        ? await this.api.update(id, input)
        : await this.api.create({ ...input, schedule: input.schedule ?? undefined });
      await this.router.navigate(['/w', this.workspaces.currentId(), 'posts', post.id]);
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * Saved as a draft and sent for approval with the schedule chosen here, which approving applies
   * (a time that passes meanwhile is left for the author to pick again).
   */
  async submitForApproval(): Promise<void> {
    if (this.busy()) return;
    this.scheduleError.set(null);
    if (!this.selected().size) {
      this.errors.set({ variants: 'Choose at least one account' });
      return;
    }
    const schedule = toScheduleInput(this.schedule(), this.zone());
    this.busy.set(true);
    try {
      const id = this.postId();
      const post = id ? await this.api.update(id, this.input()) : await this.api.create(this.input());
      if (post.state !== 'pending_approval') await this.api.submitForApproval(post.id, schedule);
      await this.router.navigate(['/w', this.workspaces.currentId(), 'posts', post.id]);
    } catch (error) {
      this.showError(error);
    } finally {
      this.busy.set(false);
    }
  }

  /** The server's refusal in plain sentences: the schedule's under the When choice, the rest in the banner. */
  private showError(error: unknown): void {
    const { schedule, other } = composerErrors(error, this.targets());
    this.errors.set({}, other || null);
    this.scheduleError.set(schedule);
  }

  protected input(): PostInput {
    const labels = this.labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    return {
      ...(this.title.trim() ? { title: this.title.trim() } : {}),
      text: this.text(),
      labels,
      variants: this.targets().map((a) => {
        const postType = this.choiceOf(a.id).postType;
        return {
          accountId: a.id,
          ...(this.overrides()[a.id] ? { text: this.overrides()[a.id] } : {}),
          ...(postType ? { postType } : {}),
          mediaIds: this.mediaFor(a.id).map((m) => m.id),
          ...(this.link() ? { link: this.link() } : {}),
          options: this.optionsFor(a.id, a.network),
        };
      }),
    };
  }

  /** Replaces an attachment with a copy fixed for the network (the original stays in the library). */
  async fix(item: MediaItem, network: string): Promise<void> {
    try {
      const fixed = await this.api.autoFix(item.id, network);
      this.media.update((list) => list.map((m) => (m.id === item.id ? fixed : m)));
    } catch (error) {
      this.errors.set({}, problemText(error));
    }
  }

  private async refreshPreview(input: PostInput): Promise<void> {
    try {
      const previews = await this.api.preview(input);
      this.previews.set(previews);
      await this.refreshFixes(previews);
    } catch {
      // A half-typed link or the like: the submit names the field; keep the last preview.
    }
  }

  /** For variants whose media break a rule: the fixes the server can make, per account. */
  private async refreshFixes(previews: VariantPreview[]): Promise<void> {
    const offers: Record<string, { media: MediaItem; description: string }[]> = {};
    for (const p of previews.filter((v) => v.problems.some((x) => x.field.startsWith('media')))) {
      offers[p.accountId] = [];
      for (const m of this.media().filter((x) => x.kind === 'image')) {
        const fixes = await this.api.fixes(m.id, p.network);
        if (fixes.length)
          offers[p.accountId].push({ media: m, description: fixes.map((f) => f.description).join(', ') });
      }
    }
    this.fixable.set(offers);
  }

  /** A new post from a template: its text, labels, accounts (those still here), their own texts and media. */
  async applyTemplate(template: PostTemplate): Promise<void> {
    const variants = template.variants.filter((v) => this.accounts().some((a) => a.id === v.accountId));
    this.title = template.title ?? '';
    this.text.set(template.text);
    this.labels = template.labels.join(', ');
    this.link.set(variants.find((v) => v.link)?.link ?? '');
    this.selected.set(new Set(variants.map((v) => v.accountId)));
    this.overrides.set(Object.fromEntries(variants.filter((v) => v.text).map((v) => [v.accountId, v.text!])));
    this.choices.set(
      Object.fromEntries(variants.map((v) => [v.accountId, choiceFrom(v.postType ?? null, v.options, v.mediaIds)])),
    );
    this.activeTab.set(variants[0]?.accountId ?? null);
    const mediaIds = [...new Set(variants.flatMap((v) => v.mediaIds ?? []))];
    // Media deleted from the library since are left out.
    const media = await Promise.all(mediaIds.map((m) => this.api.media(m).catch(() => null)));
    this.media.set(media.filter((m): m is MediaItem => m !== null));
  }

  private async loadPost(id: string): Promise<void> {
    const post = await this.api.get(id);
    this.title = post.title ?? '';
    this.text.set(post.text);
    this.labels = post.labels.join(', ');
    this.link.set(post.variants[0]?.link ?? '');
    this.selected.set(new Set(post.variants.map((v) => v.accountId)));
    this.overrides.set(Object.fromEntries(post.variants.filter((v) => v.ownText).map((v) => [v.accountId, v.text])));
    this.choices.set(
      Object.fromEntries(post.variants.map((v) => [v.accountId, choiceFrom(v.postType, v.options, v.mediaIds)])),
    );
    this.activeTab.set(post.variants[0]?.accountId ?? null);
    const mediaIds = [...new Set(post.variants.flatMap((v) => v.mediaIds))];
    this.media.set(await Promise.all(mediaIds.map((m) => this.api.media(m))));
    this.schedule.set(choiceOf(post, this.zone()));
  }
}
