import { HttpClient } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { NetworkId } from '../core/api.types';
import type { OptionField } from './option-fields';

export interface Range {
  min: number;
  max: number;
}

export interface PollRule {
  options: Range;
  maxOptionLength: number;
  durationMinutes: Range;
  durationChoices: number[];
  onlyChoices: boolean;
}

/** What one post type takes on one network (`GET /networks`, the backend's limits registry). */
export interface PostTypeRule {
  type: string;
  media: Partial<Record<'image' | 'gif' | 'video' | 'document', Range>>;
  totalMedia: Range | null;
  link: 'required' | 'allowed' | 'none';
  requiresText: boolean;
  poll: PollRule | null;
  title: { label: string; maxLength: number; required: boolean } | null;
}

export interface NetworkRules {
  network: NetworkId;
  label: string;
  maxTextLength: number;
  maxHashtags: number | null;
  firstComment: { maxLength: number } | null;
  postTypes: PostTypeRule[];
  /** The network's own options (Pinterest's board …); absent from an older server. */
  optionFields?: OptionField[];
}

/** The post types in people's words. */
export const POST_TYPE_LABELS: Record<string, string> = {
  status: 'Text',
  link: 'Link',
  photo: 'Photo',
  gif: 'GIF',
  carousel: 'Carousel',
  video: 'Video',
  reel: 'Reel',
  story: 'Story',
  short: 'Short',
  poll: 'Poll',
  document: 'Document',
  article: 'Article',
};

/** Every network's rules, read once per session: they change only with a release of the server. */
@Injectable({ providedIn: 'root' })
export class NetworkRulesStore {
  private readonly http = inject(HttpClient);
  private readonly _rules = signal<NetworkRules[] | null>(null);
  private loading: Promise<void> | null = null;
  readonly rules = this._rules.asReadonly();

  load(): Promise<void> {
    this.loading ??= firstValueFrom(this.http.get<{ items: NetworkRules[] }>('/api/v1/networks'))
      .then((res) => this._rules.set(res.items))
      .catch(() => {
        // Asked again next time; the composer works without them (the server still checks).
        this.loading = null;
      });
    return this.loading;
  }

  of(network: NetworkId): NetworkRules | undefined {
    return this._rules()?.find((r) => r.network === network);
  }
}

/** 90 → "90 minutes", 1440 → "1 day", 4320 → "3 days" (as the server words them). */
export function durationText(minutes: number): string {
  const [amount, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
