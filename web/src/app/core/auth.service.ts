import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Session, User } from './api.types';

const REFRESH_KEY = 'so.refreshToken';

/**
 * The signed-in session. The access token lives only in memory; the refresh token in
 * localStorage so a reload stays signed in. Refreshes are single-flight: every caller that needs
 * one while it is under way (the route guards and the first API calls of a reload) shares it.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly _user = signal<User | null>(null);
  private readonly _accessToken = signal<string | null>(null);
  private refreshing: Promise<boolean> | null = null;

  readonly user = this._user.asReadonly();
  readonly signedIn = computed(() => this._user() !== null);

  /** The short-lived access token; only ever in memory. */
  readonly token = this._accessToken.asReadonly();

  async register(name: string, email: string, password: string): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<Session>('/api/v1/auth/register', { name, email, password })));
  }

  async login(email: string, password: string): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<Session>('/api/v1/auth/login', { email, password })));
  }

  async logout(): Promise<void> {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    this.clear();
    if (refreshToken)
      await firstValueFrom(this.http.post('/api/v1/auth/logout', { refreshToken })).catch(() => undefined);
  }

  /** Restores the session after a reload; false when there is none. */
  restore(): Promise<boolean> {
    return this.signedIn() ? Promise.resolve(true) : this.refresh();
  }

  /** Resolves once no refresh is under way, so a request goes out with the token it brings. */
  settled(): Promise<unknown> {
    return this.refreshing ?? Promise.resolve();
  }

  /**
   * Called on a 401 for a request sent with `rejected` as its token: a new session only if that is
   * still the current one (another caller may have refreshed while the request was out).
   */
  renewAfter(rejected: string | null): Promise<boolean> {
    const current = this._accessToken();
    return current && current !== rejected ? Promise.resolve(true) : this.refresh();
  }

  /** Exchanges the refresh token for a new session; false (and signed out) when it is gone. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  requestPasswordReset(email: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/v1/auth/password-reset', { email }));
  }

  confirmPasswordReset(token: string, password: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/v1/auth/password-reset/confirm', { token, password }));
  }

  changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/v1/auth/change-password', { currentPassword, newPassword }));
  }

  private async doRefresh(): Promise<boolean> {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      this.accept(await firstValueFrom(this.http.post<Session>('/api/v1/auth/refresh', { refreshToken })));
      return true;
    } catch {
      this.clear();
      return false;
    }
  }

  private accept(session: Session): void {
    this._accessToken.set(session.accessToken);
    localStorage.setItem(REFRESH_KEY, session.refreshToken);
    this._user.set(session.user);
  }

  private clear(): void {
    this._accessToken.set(null);
    localStorage.removeItem(REFRESH_KEY);
    this._user.set(null);
  }
}
