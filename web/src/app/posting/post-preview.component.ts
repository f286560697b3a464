import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MediaItem, NetworkId } from '../core/api.types';
import { NetworkBadgeComponent } from '../accounts/network-badge.component';

interface TextPart {
  text: string;
  kind: 'plain' | 'tag' | 'link';
}

/** Hashtags, mentions and links the way networks highlight them. */
function parts(text: string): TextPart[] {
  return text.split(/(\s+)/).map((word) => ({
    text: word,
    kind: /^[#@][\p{L}\p{N}_]+/u.test(word) ? 'tag' : /^https?:\/\/\S+$/.test(word) ? 'link' : 'plain',
  }));
}

/** How the variant will look on its network: a card in that network's manner. */
@Component({
  selector: 'so-post-preview',
  imports: [NetworkBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="post-preview" [attr.data-network]="network()" aria-label="Preview">
      <header>
        <span class="avatar" aria-hidden="true">{{ accountName().charAt(0) }}</span>
        <div>
          <strong>{{ accountName() }}</strong>
          <div class="muted small">Just now · <so-network-badge [network]="network()" /></div>
        </div>
      </header>
      <p class="post-text">
        @for (part of textParts(); track $index) {
          @if (part.kind === 'plain') {
            {{ part.text }}
          } @else {
            <span [class]="part.kind">{{ part.text }}</span>
          }
        }
      </p>
      @if (media().length) {
        <div class="media-grid" [attr.data-count]="media().length">
          @for (m of media(); track m.id) {
            @if (m.kind === 'video') {
              <div class="video-tile">▶ {{ m.fileName }}</div>
            } @else {
              <img [src]="m.thumbnailUrl ?? m.url" [alt]="m.fileName" />
            }
          }
        </div>
      }
      @if (link()) {
        <div class="link-card">{{ link() }}</div>
      }
    </article>
  `,
})
export class PostPreviewComponent {
  readonly network = input.required<NetworkId>();
  readonly accountName = input.required<string>();
  readonly text = input.required<string>();
  readonly media = input<MediaItem[]>([]);
  readonly link = input<string | null>(null);
  readonly textParts = computed(() => parts(this.text()));
}
