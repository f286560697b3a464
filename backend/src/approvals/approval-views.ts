import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import type { MediaItemDto } from '../media/media.dto';
import { MediaUploads } from '../media/media-uploads.service';
import type { ScheduleInputDto } from '../posts/posts.dto';
import { PostsService } from '../posts/posts.service';
import type { Approval } from './approval.entity';

/** One variant as its network will show it: what an approver reads, and may edit, before deciding. */
export interface ApprovalVariantView {
  id: string;
  accountId: string;
  accountName: string;
  network: NetworkId;
  networkLabel: string;
  text: string;
  postType: PostType;
  link: string | null;
  /** The network's options for it (a poll's choices, a title), as the preview shows them. */
  options: Record<string, unknown>;
  /** Its media, with signed URLs that work without signing in (only this post's files). */
  media: MediaItemDto[];
  /** The text's length as the network counts it, and the most it allows. */
  length: number;
  maxLength: number;
}

export interface ApprovalView {
  id: string;
  postId: string;
  status: Approval['status'];
  text: string;
  accounts: Array<{ id: string; name: string; network: string }>;
  variants: ApprovalVariantView[];
  message: string | null;
  requestedAt: string;
  requestedBy: string | null;
  decidedBy: string | null;
  reason: string | null;
  /** The schedule approving applies (the one the post was composed with), if one is held. */
  heldSchedule: ScheduleInputDto | null;
  /** Set on an approval's answer when its held schedule could not be applied (its time passed). */
  scheduleProblem: string | null;
}

/** Reads an approval request with its post as each network will show it. */
@Injectable()
export class ApprovalViews {
  constructor(
    private readonly posts: PostsService,
    private readonly accounts: AccountsService,
    private readonly media: MediaUploads,
  ) {}

  async many(approvals: Approval[]): Promise<ApprovalView[]> {
    if (!approvals.length) return [];
    const names = await this.accountNames(approvals[0].workspaceId);
    return Promise.all(approvals.map((a) => this.view(a, names)));
  }

  async one(approval: Approval): Promise<ApprovalView> {
    return this.view(approval, await this.accountNames(approval.workspaceId));
  }

  private async accountNames(workspaceId: string): Promise<Map<string, string>> {
    return new Map((await this.accounts.list(workspaceId)).map((a) => [a.id, a.name]));
  }

  private async view(a: Approval, names: Map<string, string>): Promise<ApprovalView> {
    const post = await this.posts.get(a.workspaceId, a.postId);
    const media = await this.media.many(a.workspaceId, [...new Set(post.variants.flatMap((v) => v.mediaIds))]);
    const byId = new Map(media.map((m) => [m.id, m]));
    const variants = post.variants.map((v): ApprovalVariantView => {
      const limits = NETWORK_LIMITS[v.network];
      return {
        id: v.id,
        accountId: v.accountId,
        accountName: names.get(v.accountId) ?? limits.label,
        network: v.network,
        networkLabel: limits.label,
        text: v.text,
        postType: v.postType,
        link: v.link,
        options: v.options,
        media: v.mediaIds.flatMap((id) => byId.get(id) ?? []),
        length: limits.countText(v.text),
        maxLength: limits.maxTextLength,
      };
    });
    return {
      id: a.id,
      postId: a.postId,
      status: a.status,
      text: post.text,
      accounts: variants.map((v) => ({ id: v.accountId, name: v.accountName, network: v.network })),
      variants,
      message: a.message,
      requestedAt: a.createdAt.toISOString(),
      requestedBy: a.requestedBy,
      decidedBy: a.decidedBy,
      reason: a.reason,
      heldSchedule: a.heldSchedule,
      scheduleProblem: null,
    };
  }
}
