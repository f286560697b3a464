import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { UserMenuComponent } from './user-menu.component';

/** The bar above every signed-in page: product name, optional content (the workspace switcher), account menu. */
@Component({
  selector: 'so-topbar',
  imports: [RouterLink, UserMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="topbar">
      <a class="brand" routerLink="/" aria-label="SocialOrchestrator home"
        ><span class="logo" aria-hidden="true">S</span> SocialOrchestrator</a
      >
      <ng-content />
      <so-user-menu [role]="role()" />
    </header>
  `,
})
export class TopbarComponent {
  readonly role = input<string | null | undefined>(null);
}
