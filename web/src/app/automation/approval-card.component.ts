import { ChangeDetectionStrategy, Component, inject, input, OnDestroy, output, signal } from '@angular/core';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { PostPreviewComponent } from '../posting/post-preview.component';
import { BannerComponent } from '../shared/banner.component';
import { WhenPipe } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import { AutomationsApi } from './automations.api';
import type { Approval, ApprovalVariant, VariantEditCheck } from './automation.types';

/** How long typing pauses before the edited text is measured by the server (as the composer does). */
const CHECK_DELAY_MS = 300;

/**
 * One post waiting for a decision, in the workspace's colours: each variant as its network will
 * show it (with its media); the approver may edit a variant's text (counted as the network counts
 * it) and approve, or decline with a note the author will see.
 */
@Component({
  selector: 'so-approval-card',
  imports: [BannerComponent, IconComponent, PostPreviewComponent, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .approval {
      border-top: 4px solid var(--accent, var(--primary));
    }
    .approval-brand {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 0.5rem;
    }
    .approval-brand .when {
      margin-left: auto;
    }
    .variants {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
      gap: 1rem;
      margin-bottom: 1rem;
    }
    .variant textarea {
      width: 100%;
      margin-top: 0.4rem;
    }
    .decision {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
  `,
  template: `
    @let a = approval();
    <article class="card approval" [attr.aria-label]="'Approval of ' + a.text">
      <header class="approval-brand">
        @if (workspace(); as w) {
          @if (w.branding.logoUrl) {
            <img class="workspace-logo" [src]="w.branding.logoUrl" [alt]="w.name + ' logo'" />
          }
          <strong>{{ w.name }}</strong>
        }
        <span class="muted small when">asked {{ a.requestedAt | when }}</span>
      </header>
      <p class="muted small">
        For {{ accountNames() }}
        @if (a.message) {
          · “{{ a.message }}”
        }
        @if (a.heldSchedule?.at) {
          · goes out {{ a.heldSchedule!.at | when }} once approved
        } @else if (a.heldSchedule?.type === 'now') {
          · goes out as soon as it is approved
        }
      </p>
      <so-banner [message]="errors.banner()" />
      <div class="variants">
        @for (v of a.variants; track v.id) {
          <section class="variant" [attr.aria-label]="v.accountName + ' on ' + v.networkLabel">
            <so-post-preview
              [network]="v.network"
              [accountName]="v.accountName"
              [text]="textOf(v)"
              [media]="v.media"
              [link]="v.link"
              [postType]="v.postType"
              [options]="v.options"
            />
            <button
              type="button"
              class="link"
              [attr.aria-expanded]="isEditing(v.id)"
              [attr.aria-controls]="'edit-' + v.id"
              (click)="toggleEdit(v)"
            >
              <so-icon name="pen" /> {{ isEditing(v.id) ? 'Keep the original text' : 'Edit text' }}
            </button>
            @if (isEditing(v.id)) {
              <label [for]="'edit-' + v.id">Text for {{ v.accountName }} ({{ v.networkLabel }})</label>
              <textarea
                [id]="'edit-' + v.id"
                rows="5"
                [value]="drafts()[v.id] ?? v.text"
                (input)="edit(v, $any($event.target).value)"
                [attr.aria-describedby]="'count-' + v.id"
                [attr.aria-invalid]="!!errors.field(v.id)"
              ></textarea>
              <p class="counter" [class.over]="isOver(v)" [id]="'count-' + v.id" aria-live="polite">
                {{ lengthOf(v) }} / {{ v.maxLength }} characters
              </p>
              @for (p of checks()[v.id]?.problems ?? []; track p.message) {
                <p class="field-error" role="alert">Text {{ p.message }}</p>
              }
              @if (errors.field(v.id); as e) {
                <p class="field-error" role="alert">{{ e }}</p>
              }
            }
          </section>
        }
      </div>
      <label [for]="'reason-' + a.id">Note for the author (needed to decline)</label>
      <input [id]="'reason-' + a.id" [value]="reason()" (input)="reason.set($any($event.target).value)" />
      <div class="decision">
        <button type="button" class="primary" [disabled]="busy() || editsBreakRules()" (click)="approve()">
          <so-icon name="check" /> {{ editedCount() ? 'Approve with edits' : 'Approve' }}
        </button>
        <button type="button" [disabled]="busy()" (click)="decline()">Decline</button>
        <button type="button" class="link" (click)="share()">Share with a client</button>
      </div>
      @if (link(); as l) {
        <p class="small">
          Client link (valid until {{ l.expiresAt | when }}):
          <input readonly [value]="l.url" aria-label="Client link" />
        </p>
      }
    </article>
  `,
})
export class ApprovalCardComponent implements OnDestroy {
  private readonly api = inject(AutomationsApi);
  readonly workspace = inject(WorkspaceService).current;
  readonly approval = input.required<Approval>();
  /** Decided: the page says `message` and reloads the list. */
  readonly decided = output<string>();
  readonly errors = new FormErrors();
  readonly reason = signal('');
  readonly busy = signal(false);
  readonly link = signal<{ url: string; expiresAt: string } | null>(null);
  /** The edited texts by variant id; a variant being edited has an entry. */
  readonly drafts = signal<Partial<Record<string, string>>>({});
  readonly checks = signal<Partial<Record<string, VariantEditCheck>>>({});
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  ngOnDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  accountNames(): string {
    return this.approval()
      .variants.map((v) => v.accountName)
      .join(', ');
  }

  isEditing(variantId: string): boolean {
    return this.drafts()[variantId] !== undefined;
  }

  textOf(v: ApprovalVariant): string {
    return this.drafts()[v.id] ?? v.text;
  }

  lengthOf(v: ApprovalVariant): number {
    return this.isEditing(v.id) ? (this.checks()[v.id]?.length ?? v.length) : v.length;
  }

  isOver(v: ApprovalVariant): boolean {
    return this.lengthOf(v) > v.maxLength;
  }

  /** An edited text breaks its network's rules (said under its box): approving would be refused. */
  editsBreakRules(): boolean {
    return this.approval().variants.some((v) => this.isEditing(v.id) && !!this.checks()[v.id]?.problems.length);
  }

  editedCount(): number {
    return this.edits().length;
  }

  toggleEdit(v: ApprovalVariant): void {
    const { [v.id]: _dropped, ...others } = this.drafts();
    this.drafts.set(this.isEditing(v.id) ? others : { ...others, [v.id]: v.text });
    this.checks.update(({ [v.id]: _old, ...rest }) => rest);
  }

  edit(v: ApprovalVariant, text: string): void {
    this.drafts.update((d) => ({ ...d, [v.id]: text }));
    clearTimeout(this.timers.get(v.id));
    this.timers.set(
      v.id,
      setTimeout(() => void this.check(v.id, text), CHECK_DELAY_MS),
    );
  }

  async share(): Promise<void> {
    try {
      this.link.set(await this.api.shareApproval(this.approval().id));
    } catch (error) {
      this.errors.fromError(error);
    }
  }

  async approve(): Promise<void> {
    const edits = this.edits();
    const comment = this.reason().trim() || undefined;
    await this.act(async () => {
      const answer = await this.api.approve(this.approval().id, comment, edits.length ? edits : undefined);
      // Approved, but its time passed while it waited: said, not published late.
      return answer.scheduleProblem ? `Approved. ${answer.scheduleProblem}.` : 'Approved.';
    }, edits);
  }

  async decline(): Promise<void> {
    const reason = this.reason().trim();
    if (!reason) {
      this.errors.set({}, 'Say why you decline, so the author can fix it.');
      return;
    }
    await this.act(async () => {
      await this.api.decline(this.approval().id, reason);
      return 'Declined.';
    }, []);
  }

  /** The texts that differ from what would go out, in the order they are sent. */
  private edits(): { variantId: string; text: string }[] {
    return this.approval().variants.flatMap((v) => {
      const draft = this.drafts()[v.id];
      return draft !== undefined && draft !== v.text ? [{ variantId: v.id, text: draft }] : [];
    });
  }

  private async check(variantId: string, text: string): Promise<void> {
    try {
      const [checked] = await this.api.checkEdits(this.approval().id, [{ variantId, text }]);
      // A later keystroke's check wins: only the answer for the text still in the box is shown.
      if (this.drafts()[variantId] === text) this.checks.update((c) => ({ ...c, [variantId]: checked }));
    } catch (error) {
      this.errors.fromError(error);
    }
  }

  private async act(action: () => Promise<string>, edits: { variantId: string }[]): Promise<void> {
    this.errors.clear();
    this.busy.set(true);
    try {
      this.decided.emit(await action());
    } catch (error) {
      // `variants[i].text` names the i-th edit sent: shown under that variant's text box.
      const labels = Object.fromEntries(edits.map((_, i) => [`variants[${i}].text`, 'Text']));
      this.errors.fromError(error, labels);
      const byVariant = Object.fromEntries(
        edits.flatMap((e, i) => {
          const message = this.errors.field(`variants[${i}].text`);
          return message ? [[e.variantId, message]] : [];
        }),
      );
      if (Object.keys(byVariant).length) this.errors.set(byVariant, this.errors.banner());
    } finally {
      this.busy.set(false);
    }
  }
}
