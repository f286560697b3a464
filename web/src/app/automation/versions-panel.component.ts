import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { AutomationsApi } from './automations.api';
import type { Automation, AutomationVersion } from './automation.types';
import { WhenPipe } from '../shared/format';

/** Published versions of an automation; restoring one makes it the draft again. */
@Component({
  selector: 'so-versions-panel',
  imports: [WhenPipe, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3>Published versions</h3>
    @if (error(); as message) {
      <p class="field-error">{{ message }}</p>
    }
    <ul class="versions">
      @for (v of versions(); track v.version) {
        <li>
          v{{ v.version }} <span class="muted small">{{ v.publishedAt | when }}</span>
          <so-confirm-button
            label="Restore"
            [ariaLabel]="'Restore version ' + v.version"
            [question]="'Restore version ' + v.version + ' as the draft?'"
            detail="The draft on the canvas, with any unsaved changes, is replaced. Publish to run it."
            confirmLabel="Restore"
            (confirmed)="restore(v.version)"
          />
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
  readonly restored = output<Automation>();
  readonly versions = signal<AutomationVersion[]>([]);
  readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.automationId();
      this.publishedVersion();
      void this.load(id);
    });
  }

  async restore(version: number): Promise<void> {
    try {
      this.restored.emit(await this.api.restore(this.automationId(), version));
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
