import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Invite, Member, Page, PermissionInfo, Role } from '../core/api.types';

/** HTTP calls for the current workspace's team: members, invites, roles (the interceptor adds the workspace). */
@Injectable({ providedIn: 'root' })
export class TeamApi {
  private readonly http = inject(HttpClient);

  members(): Promise<Member[]> {
    return firstValueFrom(this.http.get<Page<Member>>('/api/v1/members')).then((p) => p.items);
  }

  changeRole(userId: string, role: string): Promise<Member> {
    return firstValueFrom(this.http.patch<Member>(`/api/v1/members/${userId}`, { role }));
  }

  remove(userId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api/v1/members/${userId}`));
  }

  invites(): Promise<Invite[]> {
    return firstValueFrom(this.http.get<Page<Invite>>('/api/v1/invites')).then((p) => p.items);
  }

  invite(email: string, role: string): Promise<Invite> {
    return firstValueFrom(this.http.post<Invite>('/api/v1/invites', { email, role }));
  }

  revokeInvite(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api/v1/invites/${id}`));
  }

  roles(): Promise<Role[]> {
    return firstValueFrom(this.http.get<Page<Role>>('/api/v1/roles')).then((p) => p.items);
  }

  createRole(name: string, permissions: string[]): Promise<Role> {
    return firstValueFrom(this.http.post<Role>('/api/v1/roles', { name, permissions }));
  }

  deleteRole(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api/v1/roles/${id}`));
  }

  permissions(): Promise<PermissionInfo[]> {
    return firstValueFrom(this.http.get<Page<PermissionInfo>>('/api/v1/permissions')).then((p) => p.items);
  }
}
