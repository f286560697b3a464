import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The centred card of the signed-out pages, with the product's name above it. */
@Component({
  selector: 'so-auth-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="auth-page">
      <div class="brand"><span class="logo" aria-hidden="true">S</span> SocialOrchestrator</div>
      <section class="card auth-card" [attr.aria-labelledby]="'page-title'">
        <h1 id="page-title">{{ heading() }}</h1>
        @if (subtitle()) {
          <p class="muted">{{ subtitle() }}</p>
        }
        <ng-content />
      </section>
    </main>
  `,
})
export class AuthLayoutComponent {
  readonly heading = input.required<string>();
  readonly subtitle = input<string>('');
}
