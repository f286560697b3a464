import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { SlicePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Post, PostState } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { IconComponent } from '../shared/icon.component';
import { formatWhen } from '../shared/format';
import { describeRepeat } from '../shared/repeat-text';
import { BoardColumn, PostsApi } from './posts.api';

const TITLES: Record<PostState, string> = {
  draft: 'Drafts',
  pending_approval: 'Awaiting approval',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
};

/** Moves a person may make by hand; publishing, published and failed follow the engine. */
const ALLOWED: Partial<Record<PostState, PostState[]>> = {
  draft: ['scheduled', 'pending_approval'],
  pending_approval: ['draft', 'scheduled'],
  scheduled: ['draft'],
  failed: ['scheduled', 'draft'],
};

/** What went wrong with a post, shown on its card in words and with an icon (not by colour alone). */
interface Marker {
  kind: 'failed' | 'declined';
  text: string;
  reason: string | null;
}

/**
 * Kanban board of posts by state; drag a card to another column where that move makes sense.
 * Every column fits a 1440 px screen (narrower ones wrap the columns), and long words and links wrap.
 */
@Component({
  selector: 'so-board',
  imports: [RouterLink, SlicePipe, BannerComponent, IconComponent, CdkDropListGroup, CdkDropList, CdkDrag],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>Board</h1>
      <a class="button primary" routerLink="../compose">New post</a>
    </div>
    <p class="muted small">
      Drag a draft to Scheduled to add it to its accounts' queues, or to Awaiting approval to ask the team to approve it
      (dragging it out withdraws the request); drag a scheduled post back to Drafts to unschedule it.
    </p>
    <so-banner [message]="error()" />
    <div class="board" cdkDropListGroup>
      @for (column of columns(); track column.state) {
        <section
          class="board-column"
          [attr.data-state]="column.state"
          [attr.aria-label]="titles[column.state]"
          cdkDropList
          [cdkDropListData]="column.state"
          [cdkDropListEnterPredicate]="accepts(column.state)"
          (cdkDropListDropped)="dropped($event)"
        >
          <h2>
            {{ titles[column.state] }} <span class="count">{{ column.posts.length }}{{ column.more ? '+' : '' }}</span>
          </h2>
          @if (column.posts.length === 0) {
            <p class="muted small empty-column">Nothing here.</p>
          }
          @for (post of column.posts; track post.id) {
            <a
              class="board-card card"
              [routerLink]="['..', 'posts', post.id]"
              cdkDrag
              [cdkDragData]="post"
              [attr.aria-label]="(post.title ?? post.text) + (markerOf(post) ? ', ' + markerOf(post)!.text : '')"
            >
              @if (markerOf(post); as m) {
                <span class="board-marker" [attr.data-marker]="m.kind">
                  <so-icon [name]="m.kind === 'failed' ? 'circle-alert' : 'x'" [size]="14" />{{ m.text }}
                </span>
              }
              <strong>{{ post.title ?? (post.text | slice: 0 : 80) }}</strong>
              @if (markerOf(post)?.reason; as reason) {
                <span class="small board-reason">{{ reason }}</span>
              }
              <span class="muted small"
                >{{ post.variants.length }} account{{ post.variants.length === 1 ? '' : 's' }}
                @if (post.nextRunAt) {
                  · {{ when(post.nextRunAt) }}
                }
                @if (repeat(post); as words) {
                  · <span data-testid="repeat">{{ words }}</span>
                }
              </span>
              @if (post.labels.length) {
                <span class="labels">
                  @for (l of post.labels; track l) {
                    <span class="label">{{ l }}</span>
                  }
                </span>
              }
            </a>
          }
        </section>
      }
    </div>
  `,
  styles: `
    .board {
      display: grid;
      /* Six columns side by side from about 1100 px of content; fewer per row below, never a sideways scroll. */
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 10.5rem), 1fr));
      gap: 0.6rem;
    }
    .board-column {
      min-width: 0;
      background: var(--bg);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 0.5rem;
      min-height: 20rem;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .board-column h2 {
      font-size: 0.95rem;
    }
    .board-column .count {
      color: var(--muted);
      font-weight: 400;
    }
    .board-card {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      text-decoration: none;
      color: var(--text);
      cursor: grab;
      margin: 0;
      padding: 0.6rem 0.7rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .board-marker {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      align-self: flex-start;
      font-size: 0.75rem;
      font-weight: 600;
      color: var(--danger);
      background: var(--danger-soft);
      border-radius: 999px;
      padding: 0.05rem 0.45rem;
    }
    .board-marker[data-marker='declined'] {
      color: #8a5a00;
      background: #fff4de;
    }
    .board-reason {
      color: var(--muted);
    }
  `,
})
export class BoardPage implements OnInit {
  private readonly api = inject(PostsApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly titles = TITLES;
  readonly columns = signal<BoardColumn[]>([]);
  readonly error = signal<string | null>(null);
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');

  ngOnInit(): Promise<void> {
    return this.load();
  }

  async load(): Promise<void> {
    try {
      this.columns.set(await this.api.board());
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  repeat(post: Post): string | null {
    return describeRepeat(post.schedule, this.zone());
  }

  markerOf(post: Post): Marker | null {
    if (post.state === 'failed') {
      return { kind: 'failed', text: 'Failed', reason: post.variants.find((v) => v.lastError)?.lastError ?? null };
    }
    if (post.approval?.status === 'declined' && post.state === 'draft') {
      return { kind: 'declined', text: 'Declined', reason: post.approval.reason };
    }
    return null;
  }

  when(iso: string): string {
    return formatWhen(iso, this.zone());
  }

  accepts(target: PostState) {
    return (drag: CdkDrag<Post>) => (ALLOWED[drag.data.state] ?? []).includes(target);
  }

  async dropped(event: CdkDragDrop<PostState, PostState, Post>): Promise<void> {
    const post = event.item.data;
    const to = event.container.data;
    if (event.previousContainer === event.container) return;
    if (!(ALLOWED[post.state] ?? []).includes(to) || to === 'publishing' || to === 'published' || to === 'failed') {
      this.error.set(`A ${TITLES[post.state].toLowerCase()} post cannot be moved to ${TITLES[to]}.`);
      return;
    }
    try {
      await this.api.move(post.id, to);
      this.error.set(null);
    } catch (error) {
      this.error.set(problemText(error));
    }
    await this.load();
  }
}
