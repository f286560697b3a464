import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NETWORK_LABELS } from '../accounts/network-badge.component';
import type { CalendarEntry } from '../core/api.types';
import { formatWhen } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import { NetworkLogoComponent } from '../shared/network-logo.component';
import { describeRepeatRule } from '../shared/repeat-text';

const STATE_WORDS: Record<string, string> = {
  failed: 'Failed',
  needs_review: 'Needs review',
  published: 'Published',
  publishing: 'Publishing',
};

/**
 * One post on the calendar: its time, network (logo and colour), media thumbnail, title and
 * account; a failed one says so in words and with an icon, not by colour alone.
 */
@Component({
  selector: 'so-calendar-entry',
  imports: [RouterLink, IconComponent, NetworkLogoComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let e = entry();
    <a
      class="entry"
      [attr.data-state]="e.state"
      [attr.data-network]="e.network"
      [routerLink]="['..', 'posts', e.postId]"
      [attr.aria-label]="label()"
      [title]="label()"
    >
      <span class="entry-time">{{ time() }}</span>
      <so-network-logo [network]="e.network" [size]="12" [decorative]="true" />
      @if (thumbnail(); as src) {
        <img class="entry-thumb" [src]="src" alt="" loading="lazy" />
      } @else if (e.mediaId) {
        <so-icon class="entry-thumb-icon" name="image" [size]="12" />
      }
      <span class="entry-title">
        @if (e.repeat) {
          <so-icon name="repeat" [size]="11" />
        }
        {{ e.title }}
      </span>
      @if (flag(); as words) {
        <span class="entry-flag"><so-icon name="circle-alert" [size]="12" />{{ words }}</span>
      }
      @if (!compact()) {
        <span class="entry-account">{{ accountName() }}</span>
      }
    </a>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .entry {
      --network: var(--primary);
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.3rem;
      font-size: 0.76rem;
      line-height: 1.35;
      text-decoration: none;
      color: var(--text);
      background: color-mix(in srgb, var(--network) 9%, var(--surface));
      border-left: 3px solid var(--network);
      border-radius: 4px;
      padding: 0.1rem 0.3rem;
      cursor: grab;
      overflow: hidden;
    }
    .entry:hover {
      background: color-mix(in srgb, var(--network) 16%, var(--surface));
    }
    .entry[data-network='facebook'] {
      --network: #1558d6;
    }
    .entry[data-network='instagram'] {
      --network: #b4236f;
    }
    .entry[data-network='x'] {
      --network: #111111;
    }
    .entry[data-network='linkedin'] {
      --network: #0a66c2;
    }
    .entry[data-state='published'] {
      cursor: pointer;
    }
    .entry[data-state='failed'],
    .entry[data-state='needs_review'] {
      background: var(--danger-soft);
      outline: 1px solid color-mix(in srgb, var(--danger) 40%, transparent);
      cursor: pointer;
    }
    .entry-time {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .entry-thumb {
      width: 18px;
      height: 18px;
      object-fit: cover;
      border-radius: 3px;
      flex-shrink: 0;
    }
    .entry-thumb-icon {
      color: var(--muted);
    }
    .entry-title {
      flex: 1 1 4rem;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .entry-flag {
      display: inline-flex;
      align-items: center;
      gap: 0.15rem;
      color: var(--danger);
      font-weight: 600;
    }
    .entry-account {
      flex-basis: 100%;
      color: var(--muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
})
export class CalendarEntryComponent {
  readonly entry = input.required<CalendarEntry>();
  readonly zone = input.required<string>();
  readonly accountName = input.required<string>();
  /** The first media item's thumbnail, once loaded. */
  readonly thumbnail = input<string | null>(null);
  /** Time grids leave the account out: the row is short. */
  readonly compact = input(false);

  readonly time = computed(() => formatWhen(this.entry().at, this.zone(), 'time'));
  readonly flag = computed(() => {
    const state = this.entry().state;
    return state === 'failed' || state === 'needs_review' ? STATE_WORDS[state] : null;
  });
  /** "Every Monday at 08:00" for an occurrence of a repeating post. */
  readonly repeatWords = computed(() => describeRepeatRule(this.entry().repeatRule, this.entry().at, this.zone()));
  readonly label = computed(() => {
    const e = this.entry();
    const state = STATE_WORDS[e.state] ? `, ${STATE_WORDS[e.state].toLowerCase()}` : '';
    const words = this.repeatWords();
    const repeat = words ? `, ${words.charAt(0).toLowerCase()}${words.slice(1)}` : e.repeat ? ', repeats' : '';
    return `${this.time()} ${this.accountName()} (${NETWORK_LABELS[e.network] ?? e.network}): ${e.title}${state}${repeat}`;
  });
}
