import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** The card a link makes: its page's og: title, description and image (`GET /link-preview`). */
export interface LinkCard {
  url: string;
  domain: string;
  title: string | null;
  description: string | null;
  image: string | null;
  siteName: string | null;
}

@Injectable({ providedIn: 'root' })
export class LinkPreviewApi {
  private readonly http = inject(HttpClient);

  card(url: string): Promise<LinkCard> {
    return firstValueFrom(this.http.get<LinkCard>('/api/v1/link-preview', { params: { url } }));
  }
}
