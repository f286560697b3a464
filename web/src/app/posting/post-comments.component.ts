import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { FormErrors } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { WhenPipe } from '../shared/format';
import { MentionTextareaComponent } from './mention-textarea.component';

interface PostComment {
  id: string;
  authorName: string;
  byClient: boolean;
  text: string;
  mentions: string[];
  createdAt: string;
}

/** The conversation on a post: members and clients; `@name` notifies a teammate. */
@Component({
  selector: 'so-post-comments',
  imports: [WhenPipe, BannerComponent, MentionTextareaComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      @for (c of comments(); track c.id) {
        <p class="comment">
          <strong>{{ c.authorName }}</strong>
          @if (c.byClient) {
            <span class="chip">client</span>
          }
          <span class="muted small">{{ c.createdAt | when }}</span><br />{{ c.text }}
        </p>
      } @empty {
        <p class="muted">No comments yet.</p>
      }
      <!-- Commenting needs posts:write (the API refuses Viewers and Clients; clients comment by their link). -->
      @if (mayComment()) {
        <so-banner [message]="errors.banner()" />
        <label for="new-comment">Add a comment</label>
        <so-mention-textarea inputId="new-comment" describedBy="new-comment-hint" [(value)]="text" (send)="add()" />
        @if (errors.field('text'); as e) {
          <p class="field-error" role="alert">{{ e }}</p>
        }
        <small class="muted" id="new-comment-hint">
          Type &#64; and a name to notify a teammate (arrows choose, Enter inserts, Esc closes). Ctrl+Enter sends.
        </small>
        <button type="button" (click)="add()">Comment</button>
      }
    </section>
  `,
})
export class PostCommentsComponent implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly workspace = inject(WorkspaceService);
  readonly mayComment = computed(() => this.workspace.can('posts:write'));
  readonly postId = input.required<string>();
  readonly comments = signal<PostComment[]>([]);
  readonly text = signal('');
  readonly errors = new FormErrors();

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async add(): Promise<void> {
    try {
      await firstValueFrom(this.http.post(`/api/v1/posts/${this.postId()}/comments`, { text: this.text().trim() }));
      this.text.set('');
      this.errors.clear();
      await this.reload();
    } catch (error) {
      this.errors.fromError(error, { text: 'Comment' });
    }
  }

  private async reload(): Promise<void> {
    const res = await firstValueFrom(
      this.http.get<{ items: PostComment[] }>(`/api/v1/posts/${this.postId()}/comments`),
    );
    this.comments.set(res.items);
  }
}
