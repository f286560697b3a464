import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Branding, Page, Workspace } from './api.types';

/** The settings a PATCH may change; any subset. */
export type WorkspacePatch = Partial<
  Pick<Workspace, 'name' | 'timeZone' | 'firstDayOfWeek' | 'defaultPostingTimes' | 'approvalPolicy'>
> & {
  branding?: Partial<Branding>;
};

const CURRENT_KEY = 'so.workspaceId';

/** The user's workspaces and the one they are working in (remembered across visits). */
@Injectable({ providedIn: 'root' })
export class WorkspaceService {
  private readonly http = inject(HttpClient);
  private readonly _workspaces = signal<Workspace[] | null>(null);
  private readonly _currentId = signal<string | null>(localStorage.getItem(CURRENT_KEY));

  readonly workspaces = this._workspaces.asReadonly();
  readonly current = computed(() => this._workspaces()?.find((w) => w.id === this._currentId()) ?? null);
  readonly currentId = this._currentId.asReadonly();

  can(permission: string): boolean {
    return this.current()?.permissions.includes(permission) ?? false;
  }

  async load(): Promise<Workspace[]> {
    const page = await firstValueFrom(this.http.get<Page<Workspace>>('/api/v1/workspaces'));
    this._workspaces.set(page.items);
    return page.items;
  }

  select(id: string): void {
    localStorage.setItem(CURRENT_KEY, id);
    this._currentId.set(id);
  }

  async create(name: string, timeZone: string): Promise<Workspace> {
    const workspace = await firstValueFrom(this.http.post<Workspace>('/api/v1/workspaces', { name, timeZone }));
    this._workspaces.update((list) => [...(list ?? []), workspace]);
    this.select(workspace.id);
    return workspace;
  }

  async update(patch: WorkspacePatch): Promise<Workspace> {
    const id = this._currentId();
    const workspace = await firstValueFrom(this.http.patch<Workspace>(`/api/v1/workspaces/${id}`, patch));
    this._workspaces.update((list) => (list ?? []).map((w) => (w.id === workspace.id ? workspace : w)));
    return workspace;
  }

  /** Called on sign-out: nothing of one user's session survives into the next. */
  reset(): void {
    this._workspaces.set(null);
  }
}
