import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { ApprovalCardComponent } from './approval-card.component';
import { AutomationsApi } from './automations.api';
import type { Approval } from './automation.types';

/** Posts waiting for a decision, each as its networks will show it: approve (after editing, if need be) or decline. */
@Component({
  selector: 'so-approvals',
  imports: [ApprovalCardComponent, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Approvals</h1>
    <so-banner [message]="error()" />
    <so-banner kind="success" [message]="notice()" />
    @if (items(); as list) {
      @for (a of list; track a.id) {
        <so-approval-card [approval]="a" (decided)="onDecided($event)" />
      } @empty {
        <div class="empty card"><p class="muted">Nothing waits for approval.</p></div>
      }
    } @else if (!error()) {
      <p class="muted" role="status">Loading approvals…</p>
    }
  `,
})
export class ApprovalsPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  readonly items = signal<Approval[] | null>(null);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async onDecided(message: string): Promise<void> {
    this.notice.set(message);
    await this.reload();
  }

  private async reload(): Promise<void> {
    try {
      this.items.set(await this.api.approvals());
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
