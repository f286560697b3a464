import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { assertWithinCallerPower } from '../access/grants';
import { ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { randomToken, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { IdentityService } from '../identity/identity.service';
import { MailService } from '../mail/mail.service';
import { MembersService } from '../workspaces/members.service';
import { actsAsOwner } from '../workspaces/owner-rule';
import { RolesService } from '../workspaces/roles.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { WorkspaceAccessService } from '../workspaces/workspace-access.service';
import { WorkspaceDto } from '../workspaces/workspaces.dto';
import { CreatedInviteDto, InviteDto, InvitePreviewDto } from './invites.dto';
import { Invite } from './invite.entity';
import { InvitesError } from './invites.errors';

@Injectable()
export class InvitesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Invite) private readonly invites: Repository<Invite>,
    private readonly roles: RolesService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
    private readonly access: WorkspaceAccessService,
    private readonly identity: IdentityService,
    private readonly mail: MailService,
    private readonly activity: ActivityService,
  ) {}

  async create(caller: WorkspaceAccess, actor: Principal, email: string, roleId: string): Promise<CreatedInviteDto> {
    const workspaceId = caller.workspaceId;
    const role = await this.roles.require(workspaceId, roleId);
    if (role.id === 'owner' && !actsAsOwner(caller)) {
      throw new InvitesError('OWNER_ONLY', undefined, [
        { field: 'role', message: 'only an Owner (with every permission) can invite an Owner' },
      ]);
    }
    assertWithinCallerPower(caller, role.permissions, 'role');
    const existingUser = await this.identity.findByEmail(email);
    if (existingUser && (await this.access.resolve(existingUser.id, workspaceId))) {
      throw new InvitesError('ALREADY_MEMBER', undefined, [{ field: 'email', message: 'is already a member' }]);
    }
    if (await this.invites.existsBy(pending(workspaceId, email))) {
      throw new InvitesError('ALREADY_INVITED', 'Revoke the pending invite to send a new one', [
        { field: 'email', message: 'already has a pending invite' },
      ]);
    }
    const token = randomToken();
    const invite = this.invites.create({
      id: newId(),
      workspaceId,
      email,
      role: role.id,
      tokenHash: sha256(token),
      invitedById: actor.userId,
      expiresAt: new Date(Date.now() + this.config.inviteTtlHours * 3_600_000),
      acceptedAt: null,
      revokedAt: null,
    });
    await this.invites.insert(invite);
    const acceptUrl = `${this.config.publicUrl}/invites/accept?token=${token}`;
    const [workspace, inviter] = await Promise.all([this.workspaces.get(caller), this.identity.getUser(actor.userId)]);
    await this.mail.enqueue({
      workspaceId,
      to: email,
      subject: `${inviter.name} invited you to ${workspace.name} on SocialOrchestrator`,
      text: `${inviter.name} invited you to join the workspace "${workspace.name}" as ${role.name}.\n\nAccept the invite (valid until ${invite.expiresAt.toUTCString()}):\n${acceptUrl}`,
    });
    await this.activity.record(workspaceId, actor, {
      action: 'member.invited',
      targetType: 'invite',
      targetId: invite.id,
      details: { email, role: role.id },
    });
    const saved = await this.invites.findOneByOrFail({ id: invite.id });
    return { ...InviteDto.of(saved), acceptUrl };
  }

  async listPending(workspaceId: string): Promise<InviteDto[]> {
    const invites = await this.invites.find({ where: pendingWhere(workspaceId), order: { id: 'DESC' } });
    return invites.map(InviteDto.of);
  }

  /** Like granting: an invite to a role beyond the caller's own power is not theirs to withdraw. */
  async revoke(caller: WorkspaceAccess, actor: Principal, id: string): Promise<void> {
    const workspaceId = caller.workspaceId;
    const invite = await this.invites.findOneBy({ id, ...pendingWhere(workspaceId) });
    if (!invite) throw notFound('Invite');
    const role = await this.roles.find(workspaceId, invite.role);
    if (role) assertWithinCallerPower(caller, role.permissions, 'id');
    const result = await this.invites.update({ id, ...pendingWhere(workspaceId) }, { revokedAt: new Date() });
    if (result.affected !== 1) throw notFound('Invite');
    await this.activity.record(workspaceId, actor, { action: 'invite.revoked', targetType: 'invite', targetId: id });
  }

  /** What the accept page shows before the invitee signs in. */
  async preview(token: string): Promise<InvitePreviewDto> {
    const invite = await this.findUsable(token);
    const role = await this.roles.find(invite.workspaceId, invite.role);
    const workspaceName = await this.workspaces.nameOf(invite.workspaceId);
    const inviter = invite.invitedById ? (await this.identity.findMany([invite.invitedById]))[0] : undefined;
    return {
      workspaceName,
      email: invite.email,
      role: invite.role,
      roleName: role?.name ?? invite.role,
      invitedBy: inviter?.name ?? null,
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  async accept(principal: Principal, token: string): Promise<WorkspaceDto> {
    const invite = await this.findUsable(token);
    const user = await this.identity.getUser(principal.userId);
    if (user.email !== invite.email)
      throw new InvitesError('INVITE_EMAIL_MISMATCH', `Sign in as ${invite.email} to accept it`);
    const claimed = await this.invites.update(
      { id: invite.id, acceptedAt: IsNull(), revokedAt: IsNull() },
      { acceptedAt: new Date() },
    );
    if (claimed.affected !== 1) throw new InvitesError('INVITE_INVALID');
    await this.members.add(invite.workspaceId, user.id, invite.role, principal);
    const access = await this.access.resolve(user.id, invite.workspaceId);
    return this.workspaces.get(access!);
  }

  private async findUsable(token: string): Promise<Invite> {
    const invite = await this.invites.findOneBy({
      tokenHash: sha256(token),
      acceptedAt: IsNull(),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
    if (!invite) throw new InvitesError('INVITE_INVALID');
    return invite;
  }
}

const pendingWhere = (workspaceId: string) => ({
  workspaceId,
  acceptedAt: IsNull(),
  revokedAt: IsNull(),
  expiresAt: MoreThan(new Date()),
});

const pending = (workspaceId: string, email: string) => ({ ...pendingWhere(workspaceId), email });
