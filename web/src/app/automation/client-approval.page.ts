import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { FormErrors } from '../core/form-errors';
import { PostPreviewComponent } from '../posting/post-preview.component';
import { BannerComponent } from '../shared/banner.component';
import type { Branding } from '../core/api.types';
import type { Approval } from './automation.types';
import { viewerZone, WhenPipe } from '../shared/format';

interface Comment {
  id: string;
  authorName: string;
  byClient: boolean;
  text: string;
  createdAt: string;
}

/** Whose post it is: the workspace's name and branding. */
interface WorkspaceFace {
  name: string;
  branding: Branding;
}

type LinkView = Approval & { reason: string | null; comments: Comment[]; workspace: WorkspaceFace };

/**
 * What a client sees through an approval link, with no account, under the workspace's name, logo and
 * colours: each variant as its network will show it (with its media), the comments, approve or decline.
 * Clients do not edit: they say what to change in a comment, and the team edits.
 */
@Component({
  selector: 'so-client-approval',
  imports: [BannerComponent, PostPreviewComponent, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The workspace's colours, as in its own app: the client sees whose post this is.
  host: {
    '[style.--primary]': 'view()?.workspace?.branding?.primaryColor',
    '[style.--accent]': 'view()?.workspace?.branding?.accentColor',
    '[class.branded]': '!!view()?.workspace?.branding?.primaryColor',
  },
  styles: `
    .previews {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
      gap: 1rem;
      margin-bottom: 1rem;
    }
  `,
  template: `
    @if (view(); as v) {
      <header class="topbar client-brand" data-testid="client-brand">
        <span class="workspace-brand">
          @if (v.workspace.branding.logoUrl) {
            <img class="workspace-logo" [src]="v.workspace.branding.logoUrl" [alt]="v.workspace.name + ' logo'" />
          }
          <span class="workspace-name">{{ v.workspace.name }}</span>
        </span>
      </header>
    }
    <main class="page narrow" id="main">
      <h1>Review a post</h1>
      <so-banner [message]="errors.banner()" />
      @if (view(); as v) {
        <div class="previews">
          @for (variant of v.variants; track variant.id) {
            <section [attr.aria-label]="'Preview for ' + variant.accountName + ' on ' + variant.networkLabel">
              <so-post-preview
                [network]="variant.network"
                [accountName]="variant.accountName"
                [text]="variant.text"
                [media]="variant.media"
                [link]="variant.link"
                [postType]="variant.postType"
                [options]="variant.options"
              />
            </section>
          }
        </div>
        @if (v.message) {
          <p>“{{ v.message }}”</p>
        }
        @if (v.status === 'pending') {
          <label for="client-name">Your name</label>
          <input id="client-name" [value]="name()" (input)="name.set($any($event.target).value)" autocomplete="name" />
          @if (errors.field('name'); as e) {
            <p class="field-error" role="alert">{{ e }}</p>
          }
          <button type="button" class="primary" (click)="decide('approve')">Approve</button>
          <label for="client-reason">Reason (needed to decline)</label>
          <input id="client-reason" [value]="reason()" (input)="reason.set($any($event.target).value)" />
          <button type="button" (click)="decide('decline')">Decline</button>
        } @else if (v.status === 'withdrawn') {
          <p class="banner" role="status">The team withdrew this request; there is nothing to decide.</p>
        } @else {
          <p class="banner success" role="status">This post was {{ v.status }}. Thank you.</p>
        }
        <h2>Comments</h2>
        <!-- No workspace here: times are the reader's own, and the page says so. -->
        <p class="muted small">Times in your time zone ({{ zone }}).</p>
        @for (c of v.comments; track c.id) {
          <p>
            <strong>{{ c.authorName }}</strong>
            <span class="muted small">{{ c.createdAt | when }}</span><br />{{ c.text }}
          </p>
        } @empty {
          <p class="muted">No comments yet.</p>
        }
        <label for="client-comment">Add a comment</label>
        <textarea
          id="client-comment"
          rows="3"
          [value]="comment()"
          (input)="comment.set($any($event.target).value)"
        ></textarea>
        <button type="button" (click)="addComment()">Comment</button>
      }
    </main>
  `,
})
export class ClientApprovalPage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly token = inject(ActivatedRoute).snapshot.paramMap.get('token')!;
  readonly zone = viewerZone();
  readonly errors = new FormErrors();
  readonly view = signal<LinkView | null>(null);
  readonly name = signal('');
  readonly reason = signal('');
  readonly comment = signal('');

  private get base(): string {
    return `/api/v1/approval-links/${this.token}`;
  }

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async decide(action: 'approve' | 'decline'): Promise<void> {
    if (action === 'decline' && !this.reason().trim()) {
      this.errors.set({}, 'Say why you decline, so the team can fix it.');
      return;
    }
    await this.send(`${this.base}/${action}`, { name: this.name().trim(), reason: this.reason().trim() || undefined });
  }

  async addComment(): Promise<void> {
    if (await this.send(`${this.base}/comments`, { name: this.name().trim(), text: this.comment().trim() }))
      this.comment.set('');
  }

  private async send(url: string, body: object): Promise<boolean> {
    try {
      await firstValueFrom(this.http.post(url, body));
      this.errors.clear();
      await this.reload();
      return true;
    } catch (error) {
      this.errors.fromError(error, { name: 'Your name', text: 'Comment', reason: 'Reason' });
      return false;
    }
  }

  private async reload(): Promise<void> {
    try {
      this.view.set(await firstValueFrom(this.http.get<LinkView>(this.base)));
    } catch (error) {
      this.errors.fromError(error);
    }
  }
}
