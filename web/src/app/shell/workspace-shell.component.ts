import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { WorkspaceService } from '../core/workspace.service';
import { NavBadgesService } from '../notifications/nav-badges.service';
import { NotificationBellComponent } from '../notifications/notification-bell.component';
import { IconComponent, type IconName } from '../shared/icon.component';
import { TopbarComponent } from '../shared/topbar.component';
import { ShellLayoutService } from './shell-layout.service';

interface NavItem {
  path: string;
  label: string;
  permission: string;
  icon: IconName;
}

const NAV: NavItem[] = [
  { path: 'home', label: 'Home', permission: 'posts:read', icon: 'home' },
  { path: 'compose', label: 'Compose', permission: 'posts:write', icon: 'pen' },
  { path: 'calendar', label: 'Calendar', permission: 'posts:read', icon: 'calendar' },
  { path: 'board', label: 'Board', permission: 'posts:read', icon: 'kanban' },
  { path: 'media', label: 'Media library', permission: 'media:read', icon: 'image' },
  { path: 'analytics', label: 'Analytics', permission: 'analytics:read', icon: 'chart' },
  { path: 'automations', label: 'Automations', permission: 'automations:read', icon: 'workflow' },
  { path: 'approvals', label: 'Approvals', permission: 'approvals:write', icon: 'badge-check' },
  { path: 'accounts', label: 'Accounts', permission: 'accounts:read', icon: 'at-sign' },
  { path: 'import', label: 'Import & export', permission: 'posts:write', icon: 'import' },
  { path: 'settings', label: 'Settings', permission: 'workspace:read', icon: 'settings' },
  { path: 'ai-settings', label: 'AI writer', permission: 'automations:read', icon: 'sparkles' },
  { path: 'members', label: 'Members & invites', permission: 'members:read', icon: 'users' },
  { path: 'roles', label: 'Roles', permission: 'members:read', icon: 'shield' },
  { path: 'api-keys', label: 'API keys', permission: 'api-keys:read', icon: 'key' },
  { path: 'integrations', label: 'Integrations', permission: 'automations:read', icon: 'webhook' },
  { path: 'activity', label: 'Activity log', permission: 'activity:read', icon: 'list-clock' },
  { path: 'outbox', label: 'Email outbox', permission: 'outbox:read', icon: 'mail' },
];

/** The frame inside a workspace: top bar with the workspace switcher and account menu, and the side navigation. */
@Component({
  selector: 'so-workspace-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TopbarComponent, NotificationBellComponent, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The workspace's colours replace the product's inside it (buttons, links, the top bar's accent).
  host: {
    '[style.--primary]': 'workspaces.current()?.branding?.primaryColor',
    '[style.--accent]': 'workspaces.current()?.branding?.accentColor',
    '[class.branded]': '!!workspaces.current()?.branding?.primaryColor',
  },
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <so-topbar [role]="workspaces.current()?.roleName">
      @if (workspaces.current(); as w) {
        <span class="workspace-brand" data-testid="workspace-brand">
          @if (w.branding.logoUrl) {
            <img class="workspace-logo" [src]="w.branding.logoUrl" [alt]="w.name + ' logo'" />
          }
          <span class="workspace-name">{{ w.name }}</span>
        </span>
      }
      <label class="switcher">
        <span class="visually-hidden">Workspace</span>
        <select (change)="switchTo($any($event.target).value)" aria-label="Switch workspace">
          @for (w of workspaces.workspaces(); track w.id) {
            <option [value]="w.id" [selected]="w.id === workspaces.currentId()">{{ w.name }}</option>
          }
          <option value="__all">All workspaces…</option>
        </select>
      </label>
      <so-notification-bell />
    </so-topbar>
    <div class="layout" [class.full-screen]="layout.isFullScreen()">
      <nav class="sidenav" aria-label="Workspace">
        @for (item of nav(); track item.path) {
          <!-- The count is described (title), not named: the link stays "Approvals" for every reader. -->
          <a
            [routerLink]="item.path"
            routerLinkActive="active"
            ariaCurrentWhenActive="page"
            [attr.title]="
              badge(item.path) ? badgeLabel(item.path, badge(item.path)) : layout.isFullScreen() ? item.label : null
            "
            ><so-icon [name]="item.icon" [size]="18" /><span class="nav-label">{{ item.label }}</span>
            @if (badge(item.path); as count) {
              <span class="nav-badge" aria-hidden="true" [attr.data-testid]="'badge-' + item.path">{{ count }}</span>
            }
          </a>
        }
      </nav>
      <main id="main" class="page" tabindex="-1">
        <router-outlet />
      </main>
    </div>
  `,
})
export class WorkspaceShellComponent {
  private readonly router = inject(Router);
  readonly workspaces = inject(WorkspaceService);
  private readonly badges = inject(NavBadgesService);
  readonly layout = inject(ShellLayoutService);
  readonly nav = computed(() => {
    const permissions = this.workspaces.current()?.permissions ?? [];
    return NAV.filter((item) => permissions.includes(item.permission));
  });

  /** Approvals waiting for me, accounts needing attention; nothing for the other entries. */
  badge(path: string): number {
    const counts = this.badges.counts();
    if (path === 'approvals') return counts.approvals;
    if (path === 'accounts') return counts.accounts;
    return 0;
  }

  badgeLabel(path: string, count: number): string {
    return path === 'approvals' ? `${count} waiting for you` : `${count} need attention`;
  }

  async switchTo(id: string): Promise<void> {
    if (id === '__all') {
      await this.router.navigate(['/workspaces']);
      return;
    }
    this.workspaces.select(id);
    await this.router.navigate(['/w', id, 'home']);
  }
}
