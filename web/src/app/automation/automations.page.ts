import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { problemText } from '../core/form-errors';
import { LimitNoteComponent } from '../notifications/limit-note.component';
import { BannerComponent } from '../shared/banner.component';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import { AutomationsApi } from './automations.api';
import type { AutomationSummary } from './automation.types';
import { ImportPanelComponent } from './import-panel.component';

/** The workspace's automations: on or off, published version, last run; a new one or a template. */
@Component({
  selector: 'so-automations',
  imports: [RouterLink, BannerComponent, ConfirmButtonComponent, LimitNoteComponent, ImportPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>Automations</h1>
      <div>
        <button type="button" (click)="importing.set(!importing())" [attr.aria-expanded]="importing()">Import</button>
        <a class="button" routerLink="templates">Start from a template</a>
        <button type="button" class="primary" (click)="create()">New automation</button>
      </div>
    </div>
    <so-limit-note key="automation.concurrent_runs" />
    <so-banner [message]="error()" />
    @if (importing()) {
      <so-import-panel (importedAutomation)="reload()" (closed)="importing.set(false)" />
    }
    @if (items(); as list) {
      @if (list.length) {
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>State</th>
              <th>Published</th>
              <th>Last run</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (a of list; track a.id) {
              <tr>
                <td>
                  <a [routerLink]="a.id">{{ a.name }}</a>
                  @if (a.failingFeeds) {
                    <a
                      class="chip"
                      data-status="failed"
                      [routerLink]="a.id"
                      [attr.aria-label]="'Feed failing in ' + a.name"
                      >{{ a.failingFeeds === 1 ? 'Feed failing' : a.failingFeeds + ' feeds failing' }}</a
                    >
                  }
                </td>
                <td>
                  <label class="check">
                    <input
                      type="checkbox"
                      [checked]="a.enabled"
                      [disabled]="a.publishedVersion === null"
                      (change)="toggle(a)"
                      [attr.aria-label]="'Run ' + a.name"
                    />
                    {{ a.enabled ? 'On' : 'Off' }}
                  </label>
                </td>
                <td>{{ a.publishedVersion === null ? 'Draft only' : 'v' + a.publishedVersion }}</td>
                <td>
                  @if (a.lastRun; as run) {
                    <a [routerLink]="[a.id, 'runs']" [queryParams]="{ run: run.id }"
                      ><span class="chip" [attr.data-status]="run.status">{{ run.status }}</span></a
                    >
                  } @else {
                    <span class="muted">never</span>
                  }
                </td>
                <td>
                  <a [routerLink]="[a.id, 'runs']" [attr.aria-label]="'Runs of ' + a.name">Runs</a>
                  <button type="button" class="link" (click)="duplicate(a)" [attr.aria-label]="'Duplicate ' + a.name">
                    Duplicate
                  </button>
                  <so-confirm-button
                    label="Delete"
                    [ariaLabel]="'Delete ' + a.name"
                    [question]="'Delete ' + a.name + '?'"
                    detail="It stops running. This cannot be undone."
                    confirmLabel="Delete"
                    (confirmed)="remove(a)"
                  />
                </td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <section class="card empty">
          <h2>No automations yet</h2>
          <p>
            Automations post, label, ask for approval and tell your team for you — from a blog feed, a CMS webhook, a
            schedule or a post's life.
          </p>
          <a class="button primary" routerLink="templates">Browse templates</a>
        </section>
      }
    } @else {
      <p class="muted">Loading…</p>
    }
  `,
})
export class AutomationsPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  private readonly router = inject(Router);
  readonly items = signal<AutomationSummary[] | null>(null);
  readonly error = signal<string | null>(null);
  readonly importing = signal(false);

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async create(): Promise<void> {
    try {
      const automation = await this.api.create('Untitled automation');
      await this.router.navigate([this.router.url, automation.id]);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async toggle(a: AutomationSummary): Promise<void> {
    try {
      await this.api.setEnabled(a.id, !a.enabled);
      await this.reload();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  /** A copy as a new draft, "… (copy)", listed with the others. */
  async duplicate(a: AutomationSummary): Promise<void> {
    try {
      await this.api.duplicate(a.id);
      await this.reload();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async remove(a: AutomationSummary): Promise<void> {
    try {
      await this.api.remove(a.id);
      await this.reload();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async reload(): Promise<void> {
    try {
      this.items.set(await this.api.list());
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
