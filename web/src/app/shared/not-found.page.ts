import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'so-not-found',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="auth-page">
      <section class="card auth-card">
        <h1>Page not found</h1>
        <p class="muted">The page you asked for does not exist.</p>
        <a class="button primary" routerLink="/workspaces">Go to your workspaces</a>
      </section>
    </main>
  `,
})
export class NotFoundPage {}
