import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { AutomationsApi } from './automations.api';
import type { Automation, AutomationVersion, GraphDiff } from './automation.types';
import { WhenPipe } from '../shared/format';

const CHANGE_WORDS: Record<string, string> = { label: 'name', onError: 'on error', type: 'type' };
/** `config.text` → `text`, `onError` → `on error`. */
const changeWord = (change: string) => CHANGE_WORDS[change] ?? change.replace(/^config\./, '');

/**
 * Published versions of an automation. "Compare" shows what restoring one would change in the
 * draft (steps and connections by label); only then is "Restore" offered, and it asks first.
 */
@Component({
  selector: 'so-versions-panel',
  imports: [WhenPipe, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      .diff {
        border: 1px solid var(--border, #ddd);
        border-radius: 8px;
        padding: 6px 10px;
        margin: 6px 0;
      }
      .diff h4 {
        margin: 6px 0 2px;
        font-size: 14px;
      }
      .diff ul {
        margin: 0;
        padding-left: 18px;
      }
    `,
  ],
  template: `
    <h3>Published versions</h3>
    @if (error(); as message) {
      <p class="field-error" role="alert">{{ message }}</p>
    }
    <ul class="versions">
      @for (v of versions(); track v.version) {
        <li>
          v{{ v.version }} <span class="muted small">{{ v.publishedAt | when }}</span>
          <button
            type="button"
            class="link"
            [attr.aria-expanded]="diff()?.version === v.version"
            [attr.aria-label]="'Compare version ' + v.version + ' with the draft'"
            (click)="compare(v.version)"
          >
            Compare
          </button>
          @if (diff(); as d) {
            @if (d.version === v.version) {
              <section class="diff" [attr.aria-label]="'Restoring version ' + v.version + ' would'">
                <p class="small">
                  <strong>Restoring v{{ v.version }} would change the draft:</strong>
                </p>
                @if (nothing(d)) {
                  <p class="muted small">Nothing: the draft is the same as this version.</p>
                }
                @if (d.nodes.added.length) {
                  <h4>Steps added</h4>
                  <ul>
                    @for (n of d.nodes.added; track n.id) {
                      <li>{{ n.label }}</li>
                    }
                  </ul>
                }
                @if (d.nodes.removed.length) {
                  <h4>Steps removed</h4>
                  <ul>
                    @for (n of d.nodes.removed; track n.id) {
                      <li>{{ n.label }}</li>
                    }
                  </ul>
                }
                @if (d.nodes.changed.length) {
                  <h4>Steps changed</h4>
                  <ul>
                    @for (n of d.nodes.changed; track n.id) {
                      <li>{{ n.label }}: {{ words(n.changes) }}</li>
                    }
                  </ul>
                }
                @if (d.edges.added.length) {
                  <h4>Connections added</h4>
                  <ul>
                    @for (e of d.edges.added; track e.text) {
                      <li>{{ e.text }}</li>
                    }
                  </ul>
                }
                @if (d.edges.removed.length) {
                  <h4>Connections removed</h4>
                  <ul>
                    @for (e of d.edges.removed; track e.text) {
                      <li>{{ e.text }}</li>
                    }
                  </ul>
                }
                @if (d.errorHandlerChanged) {
                  <p class="small">The error handler changes.</p>
                }
                <so-confirm-button
                  label="Restore this version"
                  [ariaLabel]="'Restore version ' + v.version"
                  [question]="'Restore version ' + v.version + ' as the draft?'"
                  detail="The draft on the canvas is replaced as shown above. Publish to run it."
                  confirmLabel="Restore"
                  (confirmed)="restore(v.version)"
                />
              </section>
            }
          }
        </li>
      } @empty {
        <li class="muted small">None yet.</li>
      }
    </ul>
  `,
})
export class VersionsPanelComponent {
  private readonly api = inject(AutomationsApi);
  readonly automationId = input.required<string>();
  /** Reloads the list when it changes (after a publish). */
  readonly publishedVersion = input<number | null>(null);
  /** Saves the canvas first, so the comparison is with the draft as it is on screen. */
  readonly saveFirst = input<() => Promise<boolean>>(() => Promise.resolve(true));
  readonly restored = output<Automation>();
  readonly versions = signal<AutomationVersion[]>([]);
  readonly diff = signal<(GraphDiff & { version: number }) | null>(null);
  readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.automationId();
      this.publishedVersion();
      void this.load(id);
    });
  }

  async compare(version: number): Promise<void> {
    if (this.diff()?.version === version) return this.diff.set(null);
    try {
      if (!(await this.saveFirst()())) return;
      this.diff.set(await this.api.versionDiff(this.automationId(), version));
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  nothing(d: GraphDiff): boolean {
    return (
      !d.nodes.added.length &&
      !d.nodes.removed.length &&
      !d.nodes.changed.length &&
      !d.edges.added.length &&
      !d.edges.removed.length &&
      !d.errorHandlerChanged
    );
  }

  words(changes: string[]): string {
    return changes.map(changeWord).join(', ');
  }

  async restore(version: number): Promise<void> {
    try {
      this.restored.emit(await this.api.restore(this.automationId(), version));
      this.diff.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  private async load(id: string): Promise<void> {
    try {
      this.versions.set(await this.api.versions(id));
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
