import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { WhenPipe } from '../shared/format';
import { IconComponent } from '../shared/icon.component';

interface SandboxPost {
  id: string;
  postType: string;
  text: string;
  link: string | null;
  media: { id: string; kind: string; url: string }[];
  publishedAt: string;
  metrics: {
    impressions: number | null;
    reach: number | null;
    clicks: number | null;
    reactions: number | null;
    comments: number | null;
    shares: number | null;
  };
}

/** What the Sandbox network shows for a demo account: its posts, newest first, with metrics. */
@Component({
  selector: 'so-sandbox-timeline',
  imports: [IconComponent, WhenPipe, BannerComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      <a routerLink="../.." class="back-link"><so-icon name="arrow-left" /> Accounts</a>
    </p>
    <h1>Sandbox timeline <span class="demo-tag">demo network</span></h1>
    <so-banner [message]="error()" />
    @if (posts() === null) {
      <p class="muted">Loading…</p>
    } @else if (posts()!.length === 0) {
      <div class="empty-state card"><p>Nothing published to this account yet.</p></div>
    } @else {
      <ol class="timeline" aria-label="Published posts">
        @for (p of posts(); track p.id) {
          <li class="card sandbox-post">
            <p class="post-text">{{ p.text }}</p>
            @if (p.media.length) {
              <div class="media-grid">
                @for (m of p.media; track m.id) {
                  @if (m.kind === 'image' && m.url) {
                    <img [src]="m.url" alt="" loading="lazy" />
                  } @else {
                    <span class="muted small">{{ m.kind }}</span>
                  }
                }
              </div>
            }
            <p class="muted small">
              {{ p.publishedAt | when }} · {{ p.metrics.impressions }} impressions · {{ p.metrics.reactions }} reactions
              · {{ p.metrics.comments }} comments · {{ p.metrics.shares }} shares
            </p>
          </li>
        }
      </ol>
    }
  `,
})
export class SandboxTimelinePage implements OnInit {
  private readonly http = inject(HttpClient);
  readonly accountId = input.required<string>();
  readonly posts = signal<SandboxPost[] | null>(null);
  readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const res = await firstValueFrom(
        this.http.get<{ items: SandboxPost[] }>(`/api/v1/accounts/${this.accountId()}/sandbox-timeline`),
      );
      this.posts.set(res.items);
    } catch (error) {
      this.error.set(problemText(error));
      this.posts.set([]);
    }
  }
}
