import { MediaFacts, NetworkLimits, PostType, PostTypeRule, Range, rangeText } from './network-limits';
import { KnownOptions, optionShapeErrors, optionViolations } from './variant-options';

/** The part of a post variant the network rules look at. */
export interface VariantDraft {
  text: string;
  postType: PostType;
  media: MediaFacts[];
  link?: string | null;
  /** Network options (poll, title, first comment …); see variant-options.ts. */
  options?: Record<string, unknown>;
}

/** One broken rule: which field, what is wrong, and the limit it broke. */
export interface RuleViolation {
  field: string;
  message: string;
  limit?: number | string;
}

const within = (value: number, range: Range) => value >= range.min && value <= range.max;

/** Checks a variant against its network's limits; an empty list means it can be scheduled. */
export function validateVariant(limits: NetworkLimits, draft: VariantDraft): RuleViolation[] {
  const rule = limits.postTypes[draft.postType];
  if (!rule) {
    const allowed = Object.keys(limits.postTypes).join(', ');
    return [
      {
        field: 'postType',
        message: `${limits.label} does not support ${draft.postType} posts (it supports ${allowed})`,
        limit: allowed,
      },
    ];
  }
  const shapes = optionShapeErrors(draft.options);
  return [
    ...textViolations(limits, draft, rule),
    ...linkViolations(draft, rule),
    ...(shapes.length
      ? shapes
      : optionViolations(limits, draft.postType, rule, (draft.options ?? {}) as KnownOptions, draft)),
    ...mediaViolations(limits, draft),
  ];
}

function textViolations(limits: NetworkLimits, draft: VariantDraft, rule: PostTypeRule): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const length = limits.countText(draft.text);
  const max = rule.maxTextLength ?? limits.maxTextLength;
  if (length > max) {
    const where = rule.maxTextLength === undefined ? '' : ` in ${draft.postType} posts`;
    violations.push({
      field: 'text',
      message: `is ${length} characters; ${limits.label} allows ${max}${where}`,
      limit: max,
    });
  }
  if (rule.requiresText && !draft.text.trim())
    violations.push({ field: 'text', message: `is required for this post type on ${limits.label}` });
  const hashtags = draft.text.match(/(^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (limits.maxHashtags !== undefined && hashtags > limits.maxHashtags) {
    violations.push({
      field: 'text',
      message: `has ${hashtags} hashtags; ${limits.label} allows ${limits.maxHashtags}`,
      limit: limits.maxHashtags,
    });
  }
  return violations;
}

function linkViolations(draft: VariantDraft, rule: { requiresLink?: boolean; allowsLink?: boolean }): RuleViolation[] {
  if (rule.requiresLink && !draft.link) return [{ field: 'link', message: `is required for ${draft.postType} posts` }];
  if (draft.link && !rule.requiresLink && !rule.allowsLink)
    return [{ field: 'link', message: `is not allowed on ${draft.postType} posts` }];
  if (draft.link && !/^https?:\/\/\S+$/i.test(draft.link))
    return [{ field: 'link', message: 'must be an http(s) URL' }];
  return [];
}

function mediaViolations(limits: NetworkLimits, draft: VariantDraft): RuleViolation[] {
  const rule = limits.postTypes[draft.postType]!;
  const violations: RuleViolation[] = [];
  const kinds = new Set([...Object.keys(rule.media), ...draft.media.map((m) => m.kind)]) as Set<
    keyof typeof rule.media
  >;
  for (const kind of kinds) {
    const count = draft.media.filter((m) => m.kind === kind).length;
    const allowed = rule.media[kind];
    if (!allowed && count)
      violations.push({
        field: 'media',
        message: `${draft.postType} posts on ${limits.label} cannot include ${kind}s`,
        limit: 0,
      });
    else if (allowed && !within(count, allowed)) {
      violations.push({
        field: 'media',
        message: `needs ${rangeText(allowed)} ${kind}(s) for a ${draft.postType} post, has ${count}`,
        limit: rangeText(allowed),
      });
    }
  }
  if (rule.totalMedia && !within(draft.media.length, rule.totalMedia)) {
    violations.push({
      field: 'media',
      message: `needs ${rangeText(rule.totalMedia)} items, has ${draft.media.length}`,
      limit: rangeText(rule.totalMedia),
    });
  }
  draft.media.forEach((item, index) => violations.push(...itemViolations(limits, item, `media[${index}]`)));
  return violations;
}

function itemViolations(limits: NetworkLimits, item: MediaFacts, field: string): RuleViolation[] {
  const rule = limits.media[item.kind];
  if (!rule) return [];
  const violations: RuleViolation[] = [];
  if (!rule.mimeTypes.includes(item.mimeType)) {
    violations.push({
      field,
      message: `${item.mimeType} is not accepted; use ${rule.mimeTypes.join(', ')}`,
      limit: rule.mimeTypes.join(', '),
    });
  }
  if (item.bytes > rule.maxBytes) {
    violations.push({
      field,
      message: `is ${(item.bytes / 1048576).toFixed(1)} MB; the limit is ${(rule.maxBytes / 1048576).toFixed(0)} MB`,
      limit: rule.maxBytes,
    });
  }
  if (rule.aspectRatio && item.width && item.height && !within(item.width / item.height, rule.aspectRatio)) {
    const ratio = (item.width / item.height).toFixed(2);
    violations.push({
      field,
      message: `has aspect ratio ${ratio}; allowed ${rule.aspectRatio.min.toFixed(2)}–${rule.aspectRatio.max.toFixed(2)}`,
      limit: rangeText(rule.aspectRatio),
    });
  }
  if (
    rule.durationSeconds &&
    item.durationSeconds !== undefined &&
    !within(item.durationSeconds, rule.durationSeconds)
  ) {
    violations.push({
      field,
      message: `lasts ${item.durationSeconds} s; allowed ${rangeText(rule.durationSeconds)} s`,
      limit: rangeText(rule.durationSeconds),
    });
  }
  if (rule.maxPages && item.pages && item.pages > rule.maxPages) {
    violations.push({ field, message: `has ${item.pages} pages; the limit is ${rule.maxPages}`, limit: rule.maxPages });
  }
  return violations;
}
