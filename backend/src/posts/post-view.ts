import { SocialAccount } from '../accounts/social-account.entity';
import type { Approval } from '../approvals/approval.entity';
import { NETWORK_LIMITS } from '../connectors/network-registry';
import { validateVariant } from '../connectors/variant-validation';
import type { MediaFacts } from '../connectors/network-limits';
import { Schedule } from '../scheduling/schedule.entity';
import { PostDto, ScheduleDto, VariantDto } from './posts.dto';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';

export interface PostParts {
  post: Post;
  variants: PostVariant[];
  accounts: Map<string, SocialAccount>;
  labels: string[];
  schedule: Schedule | null;
  media: Map<string, MediaFacts>;
  /** Its latest approval request, if it ever had one (a decline's note shows on the post page). */
  approval?: Approval | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function scheduleDto(schedule: Schedule): ScheduleDto {
  return {
    type: schedule.type,
    timeZone: schedule.timeZone,
    at: iso(schedule.startAt),
    rrule: schedule.rrule,
    evergreen: schedule.evergreen as Record<string, unknown> | null,
    occurrences: schedule.occurrences,
  };
}

export function variantDto(
  post: Post,
  v: PostVariant,
  account: SocialAccount | undefined,
  media: Map<string, MediaFacts>,
): VariantDto {
  const text = v.text ?? post.text;
  const network = account?.network ?? 'sandbox';
  const problems = account
    ? validateVariant(NETWORK_LIMITS[network], {
        text,
        postType: v.postType,
        media: v.mediaIds.flatMap((id) => media.get(id) ?? []),
        link: v.link,
        options: v.options,
      })
    : [];
  return {
    id: v.id,
    accountId: v.accountId,
    network,
    text,
    ownText: v.text !== null,
    postType: v.postType,
    link: v.link,
    mediaIds: v.mediaIds,
    options: v.options,
    state: v.state,
    scheduledAt: iso(v.scheduledAt),
    publishedAt: iso(v.publishedAt),
    externalId: v.externalId,
    externalUrl: v.externalUrl,
    lastError: v.lastError,
    problems,
  };
}

export function postDto(parts: PostParts): PostDto {
  const { post, variants, accounts, labels, schedule, media } = parts;
  const upcoming = variants
    .filter((v) => v.state === 'scheduled' && v.scheduledAt)
    .map((v) => v.scheduledAt!.getTime());
  return {
    id: post.id,
    title: post.title,
    text: post.text,
    state: post.state,
    source: post.source,
    authorId: post.authorId,
    labels,
    schedule: schedule ? scheduleDto(schedule) : null,
    approval: parts.approval
      ? {
          id: parts.approval.id,
          status: parts.approval.status,
          reason: parts.approval.reason,
          decidedAt: iso(parts.approval.decidedAt),
        }
      : null,
    nextRunAt: upcoming.length ? new Date(Math.min(...upcoming)).toISOString() : null,
    variants: variants.map((v) => variantDto(post, v, accounts.get(v.accountId), media)),
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
