import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { InvitePreview, Workspace } from '../core/api.types';
import { AuthService } from '../core/auth.service';
import { toProblem } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { AuthLayoutComponent } from '../shared/auth-layout.component';
import { BannerComponent } from '../shared/banner.component';

@Component({
  selector: 'so-accept-invite',
  imports: [RouterLink, AuthLayoutComponent, BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-auth-layout heading="Join a workspace">
      @if (loading()) {
        <p class="muted" role="status">Loading the invite…</p>
      } @else if (invite(); as invite) {
        <p class="invite-summary">
          {{ invite.invitedBy ?? 'A teammate' }} invited <strong>{{ invite.email }}</strong> to
          <strong>{{ invite.workspaceName }}</strong> as <strong>{{ invite.roleName }}</strong>.
        </p>
        <so-banner [message]="error()" />
        @if (auth.user(); as user) {
          @if (user.email === invite.email) {
            <button class="primary wide" type="button" (click)="accept()" [disabled]="busy()">
              Accept and join {{ invite.workspaceName }}
            </button>
          } @else {
            <so-banner
              [message]="
                'You are signed in as ' + user.email + '. Sign out and sign in as ' + invite.email + ' to accept.'
              "
            />
            <button type="button" class="wide" (click)="switchAccount()">Sign out</button>
          }
        } @else {
          <p class="muted">Create an account with {{ invite.email }}, or sign in if you have one.</p>
          <div class="actions">
            <a class="button primary" routerLink="/sign-up" [queryParams]="{ email: invite.email, next: here() }"
              >Create account</a
            >
            <a class="button" routerLink="/sign-in" [queryParams]="{ email: invite.email, next: here() }">Sign in</a>
          </div>
        }
      } @else {
        <so-banner [message]="error() ?? 'This invite link is invalid, used or expired. Ask for a new one.'" />
        <a class="button wide" routerLink="/workspaces">Go to your workspaces</a>
      }
    </so-auth-layout>
  `,
})
export class AcceptInvitePage implements OnInit {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspaceService);
  readonly auth = inject(AuthService);
  readonly token = input<string>();
  readonly invite = signal<InvitePreview | null>(null);
  readonly loading = signal(true);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  here(): string {
    return `/invites/accept?token=${encodeURIComponent(this.token() ?? '')}`;
  }

  async ngOnInit(): Promise<void> {
    await this.auth.restore();
    try {
      if (this.token()) {
        this.invite.set(
          await firstValueFrom(
            this.http.get<InvitePreview>(`/api/v1/invites/by-token/${encodeURIComponent(this.token()!)}`),
          ),
        );
      }
    } catch (error) {
      this.error.set(toProblem(error).title);
    } finally {
      this.loading.set(false);
    }
  }

  async accept(): Promise<void> {
    this.busy.set(true);
    try {
      const { workspace } = await firstValueFrom(
        this.http.post<{ workspace: Workspace }>('/api/v1/invites/accept', { token: this.token() }),
      );
      await this.workspaces.load();
      this.workspaces.select(workspace.id);
      await this.router.navigate(['/w', workspace.id]);
    } catch (error) {
      const problem = toProblem(error);
      this.error.set([problem.title, problem.detail].filter(Boolean).join(' — '));
    } finally {
      this.busy.set(false);
    }
  }

  async switchAccount(): Promise<void> {
    await this.auth.logout();
    this.workspaces.reset();
  }
}
