import { choicesOf, type OptionField } from '../option-fields';
import { ConnectorFailure, PublishMedia } from '../connector';
import type { PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';

export const TIKTOK_PRIVACY = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const;
export type TikTokPrivacy = (typeof TIKTOK_PRIVACY)[number];

/** `direct`: posted at once (video.publish); `inbox`: sent to the creator's TikTok inbox to finish there (video.upload). */
export const TIKTOK_MODES = ['direct', 'inbox'] as const;
export type TikTokMode = (typeof TIKTOK_MODES)[number];

export interface TikTokOptions {
  mode: TikTokMode;
  privacy: TikTokPrivacy | null;
  /** TikTok's guidelines: no interaction is on unless the person turns it on. */
  allowComments: boolean;
  allowDuet: boolean;
  allowStitch: boolean;
  title: string;
}

/** What creator_info/query says this creator may do now. */
export interface CreatorInfo {
  privacyLevelOptions: string[];
  maxVideoPostDurationSec: number | null;
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
}

export function tiktokOptions(options: Record<string, unknown>): TikTokOptions {
  return {
    mode: options.mode === 'inbox' ? 'inbox' : 'direct',
    privacy: typeof options.privacy === 'string' ? (options.privacy as TikTokPrivacy) : null,
    allowComments: options.allowComments === true,
    allowDuet: options.allowDuet === true,
    allowStitch: options.allowStitch === true,
    title: typeof options.title === 'string' ? options.title : '',
  };
}

const BOOLEANS = ['allowComments', 'allowDuet', 'allowStitch'] as const;

/** TikTok's options as the composer sets them, each refusal naming its field. */
export function tiktokOptionViolations(postType: PostType, options: Record<string, unknown>): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const { mode, privacy } = options;
  if (mode !== undefined && !TIKTOK_MODES.includes(mode as TikTokMode))
    violations.push({ field: 'options.mode', message: `must be one of ${TIKTOK_MODES.join(', ')}` });
  if (privacy !== undefined && !TIKTOK_PRIVACY.includes(privacy as TikTokPrivacy))
    violations.push({ field: 'options.privacy', message: `must be one of ${TIKTOK_PRIVACY.join(', ')}` });
  // TikTok asks that the creator choose who sees a post; there is no default to fall back on.
  if (privacy === undefined && mode !== 'inbox')
    violations.push({ field: 'options.privacy', message: 'is required: choose who can see the TikTok post' });
  for (const key of BOOLEANS)
    if (options[key] !== undefined && typeof options[key] !== 'boolean')
      violations.push({ field: `options.${key}`, message: 'must be true or false' });
  if (postType !== 'video' && (options.allowDuet === true || options.allowStitch === true))
    violations.push({ field: 'options.allowDuet', message: 'Duet and Stitch are for videos only' });
  return violations;
}

/** The creator's current settings, checked before anything is uploaded (TikTok's required flow). */
export function checkAgainstCreator(
  options: TikTokOptions,
  creator: CreatorInfo,
  video: PublishMedia | undefined,
): void {
  if (options.privacy && !creator.privacyLevelOptions.includes(options.privacy))
    throw refused('options.privacy', `must be one this creator offers now: ${creator.privacyLevelOptions.join(', ')}`);
  const max = creator.maxVideoPostDurationSec;
  if (video?.durationSeconds !== undefined && max !== null && video.durationSeconds > max)
    throw refused('media[0]', `lasts ${video.durationSeconds} s; this creator may post videos of at most ${max} s`);
  if (options.allowComments && creator.commentDisabled)
    throw refused('options.allowComments', 'is not possible: the creator turned comments off in TikTok');
  if (options.allowDuet && creator.duetDisabled)
    throw refused('options.allowDuet', 'is not possible: the creator turned Duet off in TikTok');
  if (options.allowStitch && creator.stitchDisabled)
    throw refused('options.allowStitch', 'is not possible: the creator turned Stitch off in TikTok');
}

function refused(field: string, message: string): ConnectorFailure {
  return new ConnectorFailure({ kind: 'bad-request', reason: `${field} ${message}` });
}

const PRIVACY_LABELS: Record<TikTokPrivacy, string> = {
  PUBLIC_TO_EVERYONE: 'Everyone',
  MUTUAL_FOLLOW_FRIENDS: 'Friends',
  FOLLOWER_OF_CREATOR: 'Followers',
  SELF_ONLY: 'Only me',
};

export const TIKTOK_OPTION_FIELDS: OptionField[] = [
  {
    name: 'mode',
    label: 'How to post',
    kind: 'select',
    required: false,
    help: 'Post directly, or send to the TikTok inbox to finish in the app',
    choices: [
      { value: 'direct', label: 'Post directly' },
      { value: 'inbox', label: 'Send to my TikTok inbox' },
    ],
  },
  {
    name: 'privacy',
    label: 'Who can see it',
    kind: 'select',
    required: true,
    help: 'TikTok asks you to choose; there is no default',
    choices: choicesOf(TIKTOK_PRIVACY, (v) => PRIVACY_LABELS[v as TikTokPrivacy]),
    when: { option: 'mode', values: ['direct', ''] },
  },
  {
    name: 'allowComments',
    label: 'Allow comments',
    kind: 'boolean',
    required: false,
    help: 'Off unless you turn it on',
  },
  {
    name: 'allowDuet',
    label: 'Allow Duet',
    kind: 'boolean',
    required: false,
    help: 'Off unless you turn it on',
    postTypes: ['video'],
  },
  {
    name: 'allowStitch',
    label: 'Allow Stitch',
    kind: 'boolean',
    required: false,
    help: 'Off unless you turn it on',
    postTypes: ['video'],
  },
];
