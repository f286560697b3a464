import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { SlicePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Post, PostState } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
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

/** Kanban board of posts by state; drag a card to another column where that move makes sense. */
@Component({
  selector: 'so-board',
  imports: [RouterLink, SlicePipe, BannerComponent, CdkDropListGroup, CdkDropList, CdkDrag],
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
              [attr.aria-label]="post.title ?? post.text"
            >
              <strong>{{ post.title ?? (post.text | slice: 0 : 80) }}</strong>
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
