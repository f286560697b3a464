import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { WorkspaceService } from '../core/workspace.service';
import { IconComponent } from './icon.component';

/**
 * The account menu: a button with the user's name that opens a menu (change password, all
 * workspaces, sign out). Arrow keys move, Esc closes and returns focus, a click outside closes.
 */
@Component({
  selector: 'so-user-menu',
  imports: [IconComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'user-menu', '(document:click)': 'onDocumentClick($event)' },
  template: `
    <button
      #trigger
      type="button"
      class="menu-trigger"
      aria-haspopup="menu"
      aria-controls="user-menu-list"
      [attr.aria-expanded]="open()"
      (click)="toggle()"
      (keydown.arrowdown)="openAndFocus($event)"
      (keydown.escape)="close(true)"
    >
      <span class="avatar sm" aria-hidden="true">{{ initial() }}</span>
      <span class="who"
        >{{ auth.user()?.name }}
        @if (role()) {
          <span class="muted">· {{ role() }}</span>
        }
      </span>
      <so-icon class="caret" name="chevron-down" [size]="14" />
    </button>
    @if (open()) {
      <div id="user-menu-list" class="menu" role="menu" aria-label="Account" (keydown)="onMenuKey($event)">
        <div class="menu-header">
          <strong>{{ auth.user()?.name }}</strong><br /><span class="muted small">{{ auth.user()?.email }}</span>
        </div>
        <a role="menuitem" routerLink="/account" (click)="close(false)">Change password</a>
        <a role="menuitem" routerLink="/workspaces" (click)="close(false)">All workspaces</a>
        <button role="menuitem" type="button" (click)="signOut()">Sign out</button>
      </div>
    }
  `,
})
export class UserMenuComponent {
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspaceService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly trigger = viewChild.required<ElementRef<HTMLButtonElement>>('trigger');
  readonly auth = inject(AuthService);
  /** The user's role in the current workspace, when inside one. */
  readonly role = input<string | null | undefined>(null);
  readonly open = signal(false);
  readonly initial = computed(() => (this.auth.user()?.name ?? '?').charAt(0).toUpperCase());

  toggle(): void {
    if (this.open()) this.close(false);
    else this.show(0);
  }

  openAndFocus(event: Event): void {
    event.preventDefault();
    this.show(0);
  }

  close(returnFocus: boolean): void {
    this.open.set(false);
    if (returnFocus) this.trigger().nativeElement.focus();
  }

  onDocumentClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.close(false);
  }

  onMenuKey(event: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        this.close(true);
        break;
      case 'ArrowDown':
        event.preventDefault();
        focus(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focus(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        focus(0);
        break;
      case 'End':
        event.preventDefault();
        focus(items.length - 1);
        break;
      case 'Tab':
        this.close(false);
        break;
    }
  }

  async signOut(): Promise<void> {
    this.close(false);
    await this.auth.logout();
    this.workspaces.reset();
    await this.router.navigate(['/sign-in']);
  }

  private show(index: number): void {
    this.open.set(true);
    afterNextRender(() => this.items()[index]?.focus(), { injector: this.injector });
  }

  private items(): HTMLElement[] {
    return Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  }
}
