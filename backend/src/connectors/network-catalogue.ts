import { NETWORK_IDS, type NetworkLimits, type PostType, type PostTypeRule } from './network-limits';
import { NETWORK_LIMITS } from './network-registry';
import type { NetworkRulesDto, PostTypeRuleDto } from './networks.dto';

function postTypeRule(type: PostType, rule: PostTypeRule): PostTypeRuleDto {
  return {
    type,
    media: rule.media as PostTypeRuleDto['media'],
    totalMedia: rule.totalMedia ?? null,
    link: rule.requiresLink ? 'required' : rule.allowsLink ? 'allowed' : 'none',
    requiresText: rule.requiresText ?? false,
    poll: rule.poll ? { ...rule.poll, onlyChoices: rule.poll.onlyChoices ?? false } : null,
    title: rule.title ? { ...rule.title, required: rule.title.required ?? false } : null,
    maxTextLength: rule.maxTextLength ?? null,
  };
}

/** The order the composer offers post types in: the everyday ones first, kinds of a thing together. */
const OFFER_ORDER: PostType[] = [
  'status',
  'link',
  'photo',
  'carousel',
  'gif',
  'video',
  'reel',
  'short',
  'story',
  'poll',
  'document',
  'article',
];

/** What a network takes, for the composer to offer only that. */
export function networkRules(limits: NetworkLimits): NetworkRulesDto {
  return {
    network: limits.network,
    label: limits.label,
    maxTextLength: limits.maxTextLength,
    maxHashtags: limits.maxHashtags ?? null,
    firstComment: limits.firstComment ?? null,
    postTypes: OFFER_ORDER.flatMap((type) => {
      const rule = limits.postTypes[type];
      return rule ? [postTypeRule(type, rule)] : [];
    }),
  };
}

/** Every network's rules, read once: they are data that only changes with a release. */
export const NETWORK_CATALOGUE: NetworkRulesDto[] = NETWORK_IDS.map((id) => networkRules(NETWORK_LIMITS[id]));
