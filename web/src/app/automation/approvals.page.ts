import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AutomationsApi } from './automations.api';
import type { Approval } from './automation.types';
import { WhenPipe } from '../shared/format';

/** Posts waiting for a decision: approve (with an optional note), or decline with a reason the author will see. */
@Component({
  selector: 'so-approvals',
  imports: [BannerComponent, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Approvals</h1>
    <so-banner [message]="error()" />
    <so-banner kind="success" [message]="notice()" />
    @for (a of items(); track a.id) {
      <article class="card approval" [attr.aria-label]="'Approval of ' + a.text">
        <p class="post-text">{{ a.text }}</p>
        <p class="muted small">
          For {{ accountNames(a) }} · asked {{ a.requestedAt | when }}
          @if (a.message) {
            · “{{ a.message }}”
          }
          @if (a.heldSchedule?.at) {
            · goes out {{ a.heldSchedule!.at | when }} once approved
          }
        </p>
        <label [for]="'reason-' + a.id">Note for the author (needed to decline)</label>
        <input
          [id]="'reason-' + a.id"
          [value]="reasons()[a.id] ?? ''"
          (input)="setReason(a.id, $any($event.target).value)"
        />
        <button type="button" class="primary" (click)="approve(a)">Approve</button>
        <button type="button" (click)="decline(a)">Decline</button>
        <button type="button" class="link" (click)="share(a)">Share with a client</button>
        @if (links()[a.id]; as link) {
          <p class="small">
            Client link (valid until {{ link.expiresAt | when }}):
            <input readonly [value]="link.url" aria-label="Client link" />
          </p>
        }
      </article>
    } @empty {
      <p class="muted">Nothing waits for approval.</p>
    }
  `,
})
export class ApprovalsPage implements OnInit {
  private readonly api = inject(AutomationsApi);
  readonly items = signal<Approval[]>([]);
  readonly links = signal<Partial<Record<string, { url: string; expiresAt: string }>>>({});
  readonly reasons = signal<Partial<Record<string, string>>>({});
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  accountNames(a: Approval): string {
    return a.accounts.map((x) => x.name).join(', ');
  }

  async share(a: Approval): Promise<void> {
    try {
      const link = await this.api.shareApproval(a.id);
      this.links.update((l) => ({ ...l, [a.id]: link }));
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  setReason(id: string, reason: string): void {
    this.reasons.update((r) => ({ ...r, [id]: reason }));
  }

  async approve(a: Approval): Promise<void> {
    const comment = (this.reasons()[a.id] ?? '').trim() || undefined;
    let problem: string | null | undefined = null;
    await this.act(async () => {
      problem = (await this.api.approve(a.id, comment)).scheduleProblem;
    }, 'Approved.');
    // Approved, but its time passed while it waited: said, not published late.
    if (problem) this.notice.set(`Approved. ${problem}.`);
  }

  async decline(a: Approval): Promise<void> {
    const reason = (this.reasons()[a.id] ?? '').trim();
    if (!reason) {
      this.error.set('Say why you decline, so the author can fix it.');
      return;
    }
    await this.act(() => this.api.decline(a.id, reason), 'Declined.');
  }

  private async act(action: () => Promise<unknown>, done: string): Promise<void> {
    this.error.set(null);
    try {
      await action();
      this.notice.set(done);
      await this.reload();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  private async reload(): Promise<void> {
    try {
      this.items.set(await this.api.approvals());
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
