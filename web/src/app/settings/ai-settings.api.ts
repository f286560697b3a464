import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export interface AiSettings {
  baseUrl: string | null;
  model: string | null;
  hasKey: boolean;
}

/** The workspace's AI provider (an OpenAI-compatible endpoint) for captions and the composer's assist. */
@Injectable({ providedIn: 'root' })
export class AiSettingsApi {
  private readonly http = inject(HttpClient);

  get(): Promise<AiSettings> {
    return firstValueFrom(this.http.get<AiSettings>('/api/v1/automations/ai-settings'));
  }

  save(settings: { baseUrl: string; model: string; apiKey: string }): Promise<AiSettings> {
    return firstValueFrom(this.http.put<AiSettings>('/api/v1/automations/ai-settings', settings));
  }

  async clear(): Promise<void> {
    await firstValueFrom(this.http.delete('/api/v1/automations/ai-settings'));
  }

  /** A short caption from the saved provider, or the reason it failed (a problem response). */
  test(): Promise<{ model: string; sample: string }> {
    return firstValueFrom(
      this.http.post<{ model: string; sample: string }>('/api/v1/automations/ai-settings/test', {}),
    );
  }
}
