import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/access-context';
import { AccountsService } from '../accounts/accounts.service';
import { ActivityService } from '../activity/activity.service';
import type { FieldError } from '../common/domain-error';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import type { RuleViolation } from '../connectors/variant-validation';
import type { PostDto, VariantInputDto } from '../posts/posts.dto';
import { PostsService } from '../posts/posts.service';
import { ApprovalsError } from './approvals.errors';

/** An approver's new text for one variant. */
export interface VariantEdit {
  variantId: string;
  text: string;
}

/** An edited text as its network counts it, and what it breaks. */
export interface VariantEditCheck {
  variantId: string;
  length: number;
  maxLength: number;
  problems: RuleViolation[];
}

/** The edits measured against the post as it is now, ready to save. */
export interface PlannedEdits {
  post: PostDto;
  inputs: VariantInputDto[];
  checks: VariantEditCheck[];
}

/**
 * Approvers fix a word before approving rather than decline for it: the edited texts are checked
 * against each network's rules, saved as the variants' own texts, and each change is logged with
 * what it was before.
 */
@Injectable()
export class ApprovalEdits {
  constructor(
    private readonly posts: PostsService,
    private readonly accounts: AccountsService,
    private readonly activity: ActivityService,
  ) {}

  /** Measures each edited text as its network would (the approvals page's counter). */
  async check(workspaceId: string, postId: string, edits: VariantEdit[]): Promise<PlannedEdits> {
    const post = await this.posts.get(workspaceId, postId);
    const errors: FieldError[] = [];
    edits.forEach((edit, i) => {
      if (!post.variants.some((v) => v.id === edit.variantId))
        errors.push({ field: `variants[${i}].variantId`, message: 'is not a variant of this post' });
      else if (edits.findIndex((e) => e.variantId === edit.variantId) !== i)
        errors.push({ field: `variants[${i}].variantId`, message: 'is edited twice' });
    });
    if (errors.length) throw new ApprovalsError('INVALID_EDIT', undefined, errors);
    const inputs = post.variants.map((v): VariantInputDto => {
      const edit = edits.find((e) => e.variantId === v.id);
      return {
        accountId: v.accountId,
        text: edit ? edit.text : v.ownText ? v.text : undefined,
        postType: v.postType,
        mediaIds: v.mediaIds,
        link: v.link ?? undefined,
        options: v.options,
      };
    });
    const previews = await this.posts.preview(workspaceId, { text: post.text, variants: inputs });
    const checks = edits.map((edit) => {
      const accountId = post.variants.find((v) => v.id === edit.variantId)!.accountId;
      const preview = previews.find((p) => p.accountId === accountId)!;
      // Only the text is the approver's to change here; media or link problems were the author's
      // and scheduling refuses them as it would have without the edit.
      const problems = preview.problems.filter((p) => p.field === 'text');
      return { variantId: edit.variantId, length: preview.length, maxLength: preview.maxLength, problems };
    });
    return { post, inputs, checks };
  }

  /** Refuses edits that break their network's rules, naming each edited text that does. */
  async plan(workspaceId: string, postId: string, edits: VariantEdit[]): Promise<PlannedEdits> {
    const planned = await this.check(workspaceId, postId, edits);
    const errors = planned.checks.flatMap((c, i) =>
      c.problems.map((p) => ({ field: `variants[${i}].text`, message: p.message })),
    );
    if (errors.length) throw new ApprovalsError('INVALID_EDIT', undefined, errors);
    return planned;
  }

  /** Saves the texts that changed and logs each change, before and after. */
  async apply(workspaceId: string, actor: Principal, approvalId: string, planned: PlannedEdits): Promise<void> {
    const { post, inputs, checks } = planned;
    const changed = checks.flatMap(({ variantId }) => {
      const variant = post.variants.find((v) => v.id === variantId)!;
      const after = inputs.find((i) => i.accountId === variant.accountId)!.text!;
      return after === variant.text ? [] : [{ variant, after }];
    });
    if (!changed.length) return;
    await this.posts.update(workspaceId, actor, post.id, { variants: inputs }, true);
    const names = new Map((await this.accounts.list(workspaceId)).map((a) => [a.id, a.name]));
    for (const { variant, after } of changed) {
      await this.activity.record(workspaceId, actor, {
        action: 'post.edited_before_approval',
        targetType: 'post',
        targetId: post.id,
        details: {
          approvalId,
          variantId: variant.id,
          network: variant.network,
          networkLabel: NETWORK_LIMITS[variant.network].label,
          accountName: names.get(variant.accountId) ?? null,
          before: variant.text,
          after,
        },
      });
    }
  }
}
