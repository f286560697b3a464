import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { toProblem } from '../core/form-errors';
import { AutomationsApi } from './automations.api';
import type { Automation, ImportNotice } from './automation.types';

/**
 * Import an automation from an exported file, chosen or pasted: a new draft. What is wrong with
 * the file is listed field by field; ids this workspace lacks (accounts, roles, the error
 * handler's automation) were taken out and are listed, with a link to open the draft.
 */
@Component({
  selector: 'so-import-panel',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    `
      textarea {
        width: 100%;
        min-height: 8rem;
        font-family: monospace;
        font-size: 13px;
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-top: 8px;
      }
    `,
  ],
  template: `
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">Import an automation</h2>
      <label for="import-file">A file exported from SocialOrchestrator (.json)</label>
      <input id="import-file" type="file" accept="application/json,.json" (change)="readFile($event)" />
      <label for="import-json">Or paste its JSON</label>
      <textarea id="import-json" [value]="text()" (input)="text.set($any($event.target).value)"></textarea>
      <div class="row">
        <button type="button" class="primary" (click)="importText()" [disabled]="busy() || !text().trim()">
          Import
        </button>
        <button type="button" (click)="closed.emit()">Close</button>
      </div>
      @if (problems().length) {
        <div role="alert">
          <p class="field-error">This cannot be imported:</p>
          <ul>
            @for (p of problems(); track $index) {
              <li class="field-error">{{ p }}</li>
            }
          </ul>
        </div>
      }
      @if (imported(); as a) {
        <div role="status">
          <p>
            Imported as a draft: <a [routerLink]="a.id">{{ a.name }}</a>
          </p>
          @if (notices().length) {
            <p>Taken out, as this workspace does not have them:</p>
            <ul>
              @for (n of notices(); track n.field) {
                <li>{{ n.message }}</li>
              }
            </ul>
          }
        </div>
      }
    </section>
  `,
})
export class ImportPanelComponent {
  private readonly api = inject(AutomationsApi);
  readonly importedAutomation = output<Automation>();
  readonly closed = output<void>();
  readonly text = signal('');
  readonly busy = signal(false);
  readonly problems = signal<string[]>([]);
  readonly imported = signal<Automation | null>(null);
  readonly notices = signal<ImportNotice[]>([]);

  async readFile(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.text.set(await file.text());
    await this.importText();
  }

  async importText(): Promise<void> {
    this.problems.set([]);
    this.imported.set(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.text());
    } catch (error) {
      this.problems.set([`It is not JSON: ${(error as Error).message}`]);
      return;
    }
    this.busy.set(true);
    try {
      const result = await this.api.importFile(parsed);
      this.imported.set(result.automation);
      this.notices.set(result.notices);
      this.importedAutomation.emit(result.automation);
    } catch (error) {
      const problem = toProblem(error);
      const listed = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`);
      this.problems.set(listed.length ? listed : [problem.detail ?? 'The file could not be imported']);
    } finally {
      this.busy.set(false);
    }
  }
}
