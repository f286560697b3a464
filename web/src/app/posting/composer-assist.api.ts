import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Page } from '../core/api.types';
import type { PostInput } from './posts.api';

export type AssistAction = 'write' | 'rewrite' | 'hashtags';
export const TONES = ['friendly', 'professional', 'casual', 'enthusiastic', 'witty'] as const;
export type Tone = (typeof TONES)[number];

export interface AiCaption {
  text: string | null;
  hashtags: string[];
  generator: 'openai' | 'offline';
  model: string | null;
  maxLength: number;
}

export interface PostTemplate {
  id: string;
  name: string;
  title: string | null;
  text: string;
  labels: string[];
  variants: PostInput['variants'];
  createdAt: string;
}

export interface HashtagGroup {
  id: string;
  name: string;
  hashtags: string[];
}

export interface HashtagSuggestion {
  tag: string;
  uses: number;
}

/** The composer's helpers: AI assist, post templates, hashtag groups and suggestions. */
@Injectable({ providedIn: 'root' })
export class ComposerAssistApi {
  private readonly http = inject(HttpClient);

  caption(request: { action: AssistAction; network: string; prompt?: string; text?: string; tone?: Tone }) {
    return firstValueFrom(this.http.post<AiCaption>('/api/v1/ai/caption', request));
  }

  /** The workspace's AI provider, if it has one (the offline writer otherwise). */
  provider(): Promise<{ hasKey: boolean; model: string | null }> {
    return firstValueFrom(this.http.get<{ hasKey: boolean; model: string | null }>('/api/v1/automations/ai-settings'));
  }

  templates(cursor?: string | null): Promise<Page<PostTemplate>> {
    const params: Record<string, string> = cursor ? { cursor } : {};
    return firstValueFrom(this.http.get<Page<PostTemplate>>('/api/v1/post-templates', { params }));
  }

  template(id: string): Promise<PostTemplate> {
    return firstValueFrom(this.http.get<PostTemplate>(`/api/v1/post-templates/${id}`));
  }

  saveTemplate(name: string, draft: PostInput): Promise<PostTemplate> {
    const { title, text, labels, variants } = draft;
    return firstValueFrom(
      this.http.post<PostTemplate>('/api/v1/post-templates', { name, title, text, labels, variants }),
    );
  }

  async removeTemplate(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/v1/post-templates/${id}`));
  }

  groups(cursor?: string | null): Promise<Page<HashtagGroup>> {
    const params: Record<string, string> = cursor ? { cursor } : {};
    return firstValueFrom(this.http.get<Page<HashtagGroup>>('/api/v1/hashtag-groups', { params }));
  }

  /** A new group, or (with `id`) new name and hashtags for a saved one. */
  saveGroup(name: string, hashtags: string[], id?: string): Promise<HashtagGroup> {
    return firstValueFrom(
      id
        ? this.http.patch<HashtagGroup>(`/api/v1/hashtag-groups/${id}`, { name, hashtags })
        : this.http.post<HashtagGroup>('/api/v1/hashtag-groups', { name, hashtags }),
    );
  }

  async removeGroup(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/v1/hashtag-groups/${id}`));
  }

  async suggestions(query: { q?: string; text?: string }): Promise<HashtagSuggestion[]> {
    const params: Record<string, string> = { limit: '8' };
    if (query.q) params['q'] = query.q;
    if (query.text) params['text'] = query.text;
    return (
      await firstValueFrom(this.http.get<{ items: HashtagSuggestion[] }>('/api/v1/hashtags/suggestions', { params }))
    ).items;
  }
}
