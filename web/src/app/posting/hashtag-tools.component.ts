import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnInit,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { ComposerAssistApi, HashtagGroup, HashtagSuggestion } from './composer-assist.api';

/** The hashtags written in a text, each once. */
const hashtagsOf = (text: string) => [
  ...new Set(
    text
      .match(/(?:^|[^\p{L}\p{N}_&#])(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu)
      ?.map((m) => m.trim().replace(/^[^#]*/, '')),
  ),
];

/**
 * Hashtags for the post: the workspace's own, suggested for what the text says (from its past
 * posts), and groups saved for reuse, inserted at the caret in one click.
 */
@Component({
  selector: 'so-hashtag-tools',
  imports: [FormsModule, BannerComponent, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .tag-list {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      list-style: none;
      padding: 0;
      margin: 0.4rem 0 0.8rem;
    }
    .groups {
      list-style: none;
      padding: 0;
      margin: 0.4rem 0;
    }
    .groups li {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.35rem 0;
      border-bottom: 1px solid var(--border);
    }
    .groups .tags {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.4rem;
    }
    h3 {
      font-size: 0.9rem;
      margin: 0.6rem 0 0.2rem;
    }
  `,
  template: `
    <section class="card" aria-labelledby="hashtags-heading">
      <h2 id="hashtags-heading">Hashtags</h2>
      <h3>Used in your posts</h3>
      <label class="visually-hidden" for="hashtag-search">Search your hashtags</label>
      <input
        id="hashtag-search"
        type="search"
        placeholder="Search your hashtags"
        [ngModel]="search()"
        (ngModelChange)="search.set($event)"
        (keydown.enter)="$event.preventDefault()"
      />
      @if (suggestions().length) {
        <ul class="tag-list" aria-label="Hashtags from your posts">
          @for (s of suggestions(); track s.tag) {
            <li>
              <button
                type="button"
                class="small"
                (click)="insertText.emit(' ' + s.tag)"
                [attr.aria-label]="'Add ' + s.tag + ', used in ' + s.uses + ' posts'"
              >
                {{ s.tag }} <span class="muted">{{ s.uses }}</span>
              </button>
            </li>
          }
        </ul>
      } @else if (search().trim()) {
        <p class="muted small">No hashtag of your posts starts with “{{ search().trim() }}”.</p>
      } @else {
        <p class="muted small">Hashtags your team uses in posts show up here, the most used first.</p>
      }

      <h3>Groups</h3>
      <so-banner [message]="errors.banner()" />
      @if (groups().length) {
        <ul class="groups" aria-label="Hashtag groups">
          @for (g of groups(); track g.id) {
            <li>
              <strong>{{ g.name }}</strong>
              <span class="tags muted small">{{ g.hashtags.join(' ') }}</span>
              <button type="button" class="small" (click)="insertGroup(g)" [attr.aria-label]="'Insert group ' + g.name">
                Insert
              </button>
              @if (mayEdit()) {
                <button type="button" class="small ghost" (click)="edit(g)" [attr.aria-label]="'Edit group ' + g.name">
                  Edit
                </button>
                <so-confirm-button
                  label="Delete"
                  [ariaLabel]="'Delete group ' + g.name"
                  [question]="'Delete the group ' + g.name + '?'"
                  detail="Posts that used its hashtags keep them."
                  confirmLabel="Delete group"
                  (confirmed)="remove(g)"
                />
              }
            </li>
          }
        </ul>
        @if (nextCursor()) {
          <button type="button" class="small ghost" (click)="loadGroups(nextCursor())">More groups</button>
        }
      } @else if (loaded()) {
        <p class="muted small">No groups yet: save hashtags you use together to insert them in one click.</p>
      }

      @if (mayEdit()) {
        <details [open]="saving()" (toggle)="toggled($any($event.target).open)">
          <summary>{{ editing() ? 'Edit the group ' + editing()!.name : 'Save hashtags as a group' }}</summary>
          <label for="group-name">Group name</label>
          <input
            id="group-name"
            [ngModel]="name()"
            (ngModelChange)="name.set($event)"
            (keydown.enter)="$event.preventDefault(); save()"
            aria-describedby="group-name-error"
          />
          @if (errors.field('name'); as e) {
            <p class="field-error" id="group-name-error" role="alert">{{ e }}</p>
          }
          <label for="group-tags">Hashtags in the group</label>
          <input
            id="group-tags"
            [ngModel]="tags()"
            (ngModelChange)="tags.set($event)"
            (keydown.enter)="$event.preventDefault(); save()"
            placeholder="#autumn #menu"
            aria-describedby="group-tags-hint group-tags-error"
          />
          <p class="hint" id="group-tags-hint">Separated by spaces; the post's hashtags are filled in.</p>
          @if (errors.field('hashtags'); as e) {
            <p class="field-error" id="group-tags-error" role="alert">{{ e }}</p>
          }
          <button type="button" (click)="save()" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save group' }}</button>
          @if (editing()) {
            <button type="button" class="ghost" (click)="toggled(false)">Cancel</button>
          }
        </details>
      }
    </section>
  `,
})
export class HashtagToolsComponent implements OnInit {
  private readonly api = inject(ComposerAssistApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly text = input.required<string>();
  /** This goes at the caret. */
  readonly insertText = output<string>();
  readonly mayEdit = computed(() => this.workspaces.can('posts:write'));
  readonly errors = new FormErrors();
  readonly suggestions = signal<HashtagSuggestion[]>([]);
  readonly groups = signal<HashtagGroup[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loaded = signal(false);
  readonly saving = signal(false);
  /** The group being changed; null while a new one is written. */
  readonly editing = signal<HashtagGroup | null>(null);
  readonly busy = signal(false);
  readonly name = signal('');
  readonly tags = signal('');
  /** A prefix to look up instead of suggestions for the text. */
  readonly search = signal('');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor() {
    // Suggestions follow the text (or the search), a moment after typing stops.
    effect(() => {
      const query = this.search().trim() ? { q: this.search().trim() } : { text: this.text() };
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.suggest(query), 300);
    });
  }

  async ngOnInit(): Promise<void> {
    await this.loadGroups(null);
  }

  async loadGroups(cursor: string | null): Promise<void> {
    try {
      const page = await this.api.groups(cursor);
      this.groups.update((g) => (cursor ? [...g, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.errors.fromError(error);
    } finally {
      this.loaded.set(true);
    }
  }

  /** Opening the form fills in the post's hashtags. */
  toggled(open: boolean): void {
    this.saving.set(open);
    if (!open && this.editing()) {
      this.editing.set(null);
      this.name.set('');
      this.tags.set('');
    }
    if (open && !this.tags()) this.tags.set(hashtagsOf(this.text()).join(' '));
  }

  edit(group: HashtagGroup): void {
    this.editing.set(group);
    this.name.set(group.name);
    this.tags.set(group.hashtags.join(' '));
    this.errors.clear();
    this.saving.set(true);
    queueMicrotask(() => document.getElementById('group-name')?.focus());
  }

  insertGroup(group: HashtagGroup): void {
    const present = new Set(hashtagsOf(this.text()).map((t) => t.toLowerCase()));
    const missing = group.hashtags.filter((t) => !present.has(t.toLowerCase()));
    if (missing.length) this.insertText.emit(` ${missing.join(' ')}`);
  }

  async save(): Promise<void> {
    if (this.busy()) return;
    const tags = this.tags()
      .split(/[\s,]+/)
      .filter(Boolean);
    if (!this.name().trim()) return this.errors.set({ name: 'Group name: give the group a name' });
    if (!tags.length) return this.errors.set({ hashtags: 'Hashtags: add at least one' });
    this.busy.set(true);
    try {
      const editing = this.editing();
      const group = await this.api.saveGroup(this.name().trim(), tags, editing?.id);
      this.groups.update((g) => (editing ? g.map((x) => (x.id === group.id ? group : x)) : [group, ...g]));
      this.errors.clear();
      this.toggled(false);
      this.name.set('');
      this.tags.set('');
    } catch (error) {
      this.errors.fromError(error, { name: 'Group name', hashtags: 'Hashtags' });
    } finally {
      this.busy.set(false);
    }
  }

  async remove(group: HashtagGroup): Promise<void> {
    try {
      await this.api.removeGroup(group.id);
      this.groups.update((g) => g.filter((x) => x.id !== group.id));
    } catch (error) {
      this.errors.fromError(error);
    }
  }

  private async suggest(query: { q?: string; text?: string }): Promise<void> {
    const asked = ++this.asked;
    try {
      const found = await this.api.suggestions(query);
      // An answer to an earlier question arriving late is not shown over the latest one's.
      if (asked === this.asked) this.suggestions.set(found);
    } catch {
      // Suggestions are a help, not the work: the composer goes on without them.
    }
  }
}
