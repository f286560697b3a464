import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MediaItem, NetworkId } from '../core/api.types';
import { NETWORK_LABELS } from '../accounts/network-badge.component';
import { IconComponent, type IconName } from '../shared/icon.component';
import { NetworkLogoComponent } from '../shared/network-logo.component';
import type { LinkCard } from './link-preview.api';
import { PreviewLinkCardComponent } from './preview-link-card.component';
import { PreviewMediaComponent } from './preview-media.component';
import { PreviewPollComponent } from './preview-poll.component';
import { PreviewTextComponent } from './preview-text.component';

type Layout =
  | 'facebook'
  | 'instagram'
  | 'x'
  | 'linkedin'
  | 'sandbox'
  | 'bluesky'
  | 'mastodon'
  | 'threads'
  | 'telegram'
  | 'wordpress'
  | 'pinterest'
  | 'youtube'
  | 'tiktok'
  | 'google-business'
  | 'generic';

/** The buttons under a post, in each network's order (shown, not working: it is a preview). */
const ACTIONS: Record<Layout, { icon: IconName; label: string }[]> = {
  facebook: [
    { icon: 'like', label: 'Like' },
    { icon: 'comment', label: 'Comment' },
    { icon: 'share', label: 'Share' },
  ],
  instagram: [
    { icon: 'heart', label: '' },
    { icon: 'comment', label: '' },
    { icon: 'send', label: '' },
  ],
  x: [
    { icon: 'comment', label: '' },
    { icon: 'repost', label: '' },
    { icon: 'heart', label: '' },
    { icon: 'views', label: '' },
  ],
  linkedin: [
    { icon: 'like', label: 'Like' },
    { icon: 'comment', label: 'Comment' },
    { icon: 'repost', label: 'Repost' },
    { icon: 'send', label: 'Send' },
  ],
  sandbox: [
    { icon: 'heart', label: 'Like' },
    { icon: 'comment', label: 'Comment' },
  ],
  bluesky: [
    { icon: 'comment', label: '' },
    { icon: 'repost', label: '' },
    { icon: 'heart', label: '' },
  ],
  mastodon: [
    { icon: 'comment', label: '' },
    { icon: 'repost', label: '' },
    { icon: 'heart', label: '' },
    { icon: 'bookmark', label: '' },
  ],
  threads: [
    { icon: 'heart', label: '' },
    { icon: 'comment', label: '' },
    { icon: 'repost', label: '' },
    { icon: 'send', label: '' },
  ],
  telegram: [
    { icon: 'views', label: 'Views' },
    { icon: 'share', label: 'Forward' },
  ],
  wordpress: [{ icon: 'comment', label: 'Leave a comment' }],
  pinterest: [
    { icon: 'heart', label: '' },
    { icon: 'share', label: '' },
    { icon: 'bookmark', label: 'Save' },
  ],
  youtube: [
    { icon: 'like', label: 'Like' },
    { icon: 'share', label: 'Share' },
    { icon: 'comment', label: 'Comments' },
  ],
  tiktok: [
    { icon: 'heart', label: '' },
    { icon: 'comment', label: '' },
    { icon: 'bookmark', label: '' },
    { icon: 'share', label: '' },
  ],
  'google-business': [{ icon: 'share', label: 'Share' }],
  generic: [],
};

const LAYOUTS = new Set<string>(Object.keys(ACTIONS).filter((layout) => layout !== 'generic'));
/** Networks whose posts show the author's @handle beside the name. */
const HANDLE_HEADER = new Set<Layout>(['x', 'bluesky', 'mastodon', 'threads']);
/** Networks whose posts are their media first, the text a caption under it. */
const MEDIA_FIRST = new Set<Layout>(['instagram', 'pinterest', 'tiktok', 'youtube']);
/** Networks that fold long texts after a few lines ("… more"). */
const CLAMPED = new Set<Layout>(['linkedin', 'facebook', 'threads', 'tiktok', 'youtube', 'google-business']);

/**
 * How a variant will look on its network, drawn in that network's manner: X's compact card with a
 * handle, Instagram's media-first post with the caption under it, Facebook's and LinkedIn's feed
 * posts with their link cards, the Sandbox's plain demo card, a neutral card for any other. Used
 * by the composer, the approvals page and the client's approval link.
 */
@Component({
  selector: 'so-post-preview',
  imports: [
    NgTemplateOutlet,
    IconComponent,
    NetworkLogoComponent,
    PreviewLinkCardComponent,
    PreviewMediaComponent,
    PreviewPollComponent,
    PreviewTextComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="post-preview" [attr.data-network]="layout()" aria-label="Preview">
      <header>
        <span class="avatar" aria-hidden="true">{{ initial() }}</span>
        <div class="who">
          @switch (headerStyle()) {
            @case ('handle') {
              <span
                ><strong>{{ accountName() }}</strong
                ><span class="muted handle">{{ handle() }} · now</span></span
              >
            }
            @case ('media') {
              <strong>{{ handle().slice(1) }}</strong>
            }
            @default {
              <strong>{{ accountName() }}</strong>
              <span class="muted small"
                >{{ layout() === 'linkedin' ? 'Now' : 'Just now' }} · <so-icon name="globe" [size]="12" />
                @if (layout() === 'sandbox') {
                  · Sandbox (demo)
                } @else if (layout() !== 'facebook' && layout() !== 'linkedin') {
                  · {{ networkLabel() }}
                }
              </span>
            }
          }
        </div>
        <!-- Which network this is, at a glance: its logo, named for screen readers. -->
        <so-network-logo class="preview-network" [network]="network()" [size]="18" />
        <so-icon class="more" name="more" [size]="18" />
      </header>

      @if (headerStyle() === 'media') {
        @if (media().length) {
          <so-preview-media [media]="media()" [layout]="media().length > 1 ? 'carousel' : 'grid'" />
        } @else {
          <p class="empty-media">{{ networkLabel() }} posts need a photo or a video.</p>
        }
        <ng-container *ngTemplateOutlet="actionBar" />
        <p class="caption">
          <strong>{{ handle().slice(1) }}</strong>&nbsp;<so-preview-text [text]="text()" [inline]="true" />
        </p>
      } @else {
        @if (title() && !(pollChoices() && layout() === 'linkedin')) {
          <strong class="title">{{ title() }}</strong>
        }
        @if (text()) {
          <so-preview-text [text]="text()" [clamp]="clamped()" />
        }
        @if (pollChoices(); as choices) {
          <so-preview-poll
            [choices]="choices"
            [minutes]="pollMinutes()"
            [question]="layout() === 'linkedin' ? title() : null"
          />
        }
        @if (media().length) {
          <so-preview-media [media]="media()" [layout]="postType() === 'carousel' ? 'carousel' : 'grid'" />
        } @else if (link() && !pollChoices()) {
          <so-preview-link-card [link]="link()!" [card]="linkCard()" [variant]="cardVariant()" />
        }
        <ng-container *ngTemplateOutlet="actionBar" />
      }

      @if (firstComment()) {
        <div class="first-comment">
          <span class="avatar small" aria-hidden="true">{{ initial() }}</span>
          <p>
            <strong>{{ accountName() }}</strong> {{ firstComment() }}
          </p>
        </div>
      }

      <ng-template #actionBar>
        @if (actions().length) {
          <footer [attr.aria-label]="'As on ' + networkLabel()">
            @for (a of actions(); track a.icon) {
              <span class="action"><so-icon [name]="a.icon" [size]="18" />{{ a.label }}</span>
            }
            @if (layout() === 'instagram') {
              <so-icon class="save" name="bookmark" [size]="18" />
            }
          </footer>
        }
      </ng-template>
    </article>
  `,
  styleUrl: './post-preview.component.css',
})
export class PostPreviewComponent {
  readonly network = input.required<NetworkId | string>();
  readonly accountName = input.required<string>();
  readonly text = input.required<string>();
  readonly media = input<MediaItem[]>([]);
  readonly link = input<string | null>(null);
  /** The variant's post type; the layout follows it (a carousel swipes, a poll shows its choices). */
  readonly postType = input<string | null>(null);
  /** The variant's options: poll choices and length, title, first comment. */
  readonly options = input<Record<string, unknown> | null>(null);
  /** The link's fetched card (title, image); without it the card shows the address. */
  readonly linkCard = input<LinkCard | null>(null);

  readonly layout = computed<Layout>(() => (LAYOUTS.has(this.network()) ? (this.network() as Layout) : 'generic'));
  readonly networkLabel = computed(() => NETWORK_LABELS[this.network()] ?? this.network());
  readonly actions = computed(() => ACTIONS[this.layout()]);
  readonly initial = computed(() => this.accountName().trim().charAt(0).toUpperCase() || '?');
  readonly handle = computed(
    () =>
      '@' +
      (this.accountName()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_]+/gu, '') || 'you'),
  );
  readonly clamped = computed(() => CLAMPED.has(this.layout()) && this.text().length > 280);
  /** The header: name and @handle (X, Bluesky …), the handle alone over media, or name and time. */
  readonly headerStyle = computed(() =>
    HANDLE_HEADER.has(this.layout()) ? 'handle' : MEDIA_FIRST.has(this.layout()) ? 'media' : 'feed',
  );
  readonly cardVariant = computed(() =>
    this.layout() === 'facebook' ? 'facebook' : this.layout() === 'x' ? 'x' : 'other',
  );
  readonly pollChoices = computed(() => {
    const choices = this.options()?.['pollOptions'];
    return this.postType() === 'poll' && Array.isArray(choices) ? (choices as string[]) : null;
  });
  readonly pollMinutes = computed(() => {
    const minutes = this.options()?.['pollDurationMinutes'];
    return typeof minutes === 'number' ? minutes : null;
  });
  readonly title = computed(() => this.textOption('title'));
  readonly firstComment = computed(() => this.textOption('firstComment'));

  private textOption(key: string): string | null {
    const value = this.options()?.[key];
    return typeof value === 'string' && value.trim() ? value : null;
  }
}
