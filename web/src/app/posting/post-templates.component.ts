import { ChangeDetectionStrategy, Component, inject, input, output, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FormErrors } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { DialogComponent } from '../shared/dialog.component';
import { ComposerAssistApi, PostTemplate } from './composer-assist.api';
import type { PostInput } from './posts.api';

/** Templates in the composer: keep the post as it is now, or start a new post from a kept one. */
@Component({
  selector: 'so-post-templates',
  imports: [FormsModule, BannerComponent, ConfirmButtonComponent, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .templates {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      max-height: 50vh;
      overflow: auto;
    }
    .templates li {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--border);
    }
    .templates .what {
      flex: 1;
      min-width: 0;
    }
    .templates .excerpt {
      display: block;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .save-form {
      display: flex;
      gap: 0.5rem;
      align-items: end;
      flex-wrap: wrap;
    }
  `,
  template: `
    <div class="button-row">
      <button type="button" (click)="openChooser()">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path fill="currentColor" d="M2 1h9l3 3v11H2zm1 1v12h10V5h-3V2zm2 5h6v1H5zm0 2h6v1H5zm0 2h4v1H5z" />
        </svg>
        Start from a template
      </button>
      <button type="button" class="ghost" (click)="saveOpen.set(!saveOpen())" [attr.aria-expanded]="saveOpen()">
        Save as template
      </button>
    </div>
    <so-banner kind="success" [message]="saved()" />
    @if (saveOpen()) {
      <div class="save-form card">
        <div>
          <label for="template-name">Template name</label>
          <input
            id="template-name"
            [ngModel]="name()"
            (ngModelChange)="name.set($event)"
            (keydown.enter)="$event.preventDefault(); save()"
            aria-describedby="template-name-error"
          />
        </div>
        <button type="button" class="primary" (click)="save()" [disabled]="busy()">
          {{ busy() ? 'Saving…' : 'Save template' }}
        </button>
        <button type="button" class="ghost" (click)="saveOpen.set(false)">Cancel</button>
      </div>
      @if (errors.field('name'); as e) {
        <p class="field-error" id="template-name-error" role="alert">{{ e }}</p>
      }
      <so-banner [message]="errors.banner()" />
    }
    <so-dialog #chooser heading="Start from a template">
      <so-banner [message]="listError()" />
      @if (loading() && !templates().length) {
        <p class="muted" role="status">Loading templates…</p>
      } @else if (templates().length) {
        <ul class="templates" aria-label="Templates">
          @for (t of templates(); track t.id) {
            <li>
              <span class="what">
                <strong>{{ t.name }}</strong>
                <span class="excerpt muted small">{{ t.text || '(each account has its own text)' }}</span>
              </span>
              <button type="button" class="primary small" (click)="use(t)" [attr.aria-label]="'Use template ' + t.name">
                Use
              </button>
              <so-confirm-button
                label="Delete"
                [ariaLabel]="'Delete template ' + t.name"
                [question]="'Delete the template ' + t.name + '?'"
                detail="Posts started from it are not changed."
                confirmLabel="Delete template"
                (confirmed)="remove(t)"
              />
            </li>
          }
        </ul>
        @if (nextCursor()) {
          <button type="button" class="small ghost" (click)="load(nextCursor())" [disabled]="loading()">
            More templates
          </button>
        }
      } @else {
        <p class="muted">No templates yet. Write a post, then choose “Save as template” to reuse it.</p>
      }
      <div class="actions">
        <button type="button" (click)="dialog().close()">Close</button>
      </div>
    </so-dialog>
  `,
})
export class PostTemplatesComponent {
  private readonly api = inject(ComposerAssistApi);
  /** The post as the composer has it now. */
  readonly draft = input.required<PostInput>();
  /** Fill the composer from this template. */
  readonly start = output<PostTemplate>();
  readonly dialog = viewChild.required('chooser', { read: DialogComponent });
  readonly errors = new FormErrors();
  readonly templates = signal<PostTemplate[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly listError = signal<string | null>(null);
  readonly saveOpen = signal(false);
  readonly busy = signal(false);
  readonly name = signal('');
  readonly saved = signal<string | null>(null);

  async openChooser(): Promise<void> {
    this.dialog().open();
    await this.load(null);
  }

  async load(cursor: string | null): Promise<void> {
    this.loading.set(true);
    this.listError.set(null);
    try {
      const page = await this.api.templates(cursor);
      this.templates.update((list) => (cursor ? [...list, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
    } catch {
      this.listError.set('The templates could not be loaded. Try again.');
    } finally {
      this.loading.set(false);
    }
  }

  use(template: PostTemplate): void {
    this.dialog().close();
    this.start.emit(template);
  }

  async remove(template: PostTemplate): Promise<void> {
    try {
      await this.api.removeTemplate(template.id);
      this.templates.update((list) => list.filter((t) => t.id !== template.id));
    } catch {
      this.listError.set(`“${template.name}” could not be deleted. Try again.`);
    }
  }

  async save(): Promise<void> {
    if (this.busy()) return;
    const name = this.name().trim() || this.draft().title || '';
    if (!name) return this.errors.set({ name: 'Template name: give the template a name' });
    this.busy.set(true);
    try {
      const template = await this.api.saveTemplate(name, this.draft());
      this.errors.clear();
      this.saveOpen.set(false);
      this.name.set('');
      this.saved.set(`Saved as the template “${template.name}”.`);
    } catch (error) {
      this.errors.fromError(error, { name: 'Template name', text: 'Post text' });
    } finally {
      this.busy.set(false);
    }
  }
}
