import { choicesOf, type OptionField, wordsOf } from '../option-fields';
import { ConnectorFailure } from '../connector';
import type { PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';

export const TOPICS = ['update', 'event', 'offer'] as const;
export type Topic = (typeof TOPICS)[number];

export const CALL_TO_ACTIONS = ['BOOK', 'ORDER', 'SHOP', 'LEARN_MORE', 'SIGN_UP', 'CALL'] as const;
export type CallToActionType = (typeof CALL_TO_ACTIONS)[number];

/** Business Profile's limits on an event's or offer's title and an offer's coupon code, in characters. */
export const EVENT_TITLE_LENGTH = 58;
export const COUPON_CODE_LENGTH = 58;
export const TERMS_LENGTH = 5000;

/** Dates and times in the location's own time zone, as the business states them. */
export interface EventOptions {
  title: string;
  startDate: string;
  startTime?: string;
  endDate: string;
  endTime?: string;
}

export interface OfferOptions {
  couponCode?: string;
  redeemUrl?: string;
  terms?: string;
}

export interface CallToActionOptions {
  type: CallToActionType;
  url?: string;
}

/** A local post's options once checked. */
export interface LocalPostOptions {
  topic: Topic;
  event: EventOptions | null;
  offer: OfferOptions | null;
  callToAction: CallToActionOptions | null;
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const URL_PATTERN = /^https?:\/\/\S+$/i;
const length = (text: string) => [...text].length;

/**
 * Business Profile's options: `topic` (update, event or offer), `event` (title and dates, for
 * events and offers), `offer` (coupon, redeem URL, terms) and `callToAction` (a button; CALL
 * dials the business's phone and takes no URL). Each problem names its field.
 */
export function googleBusinessOptionViolations(postType: PostType, options: Record<string, unknown>): RuleViolation[] {
  void postType;
  const topic = options.topic ?? 'update';
  if (typeof topic !== 'string' || !(TOPICS as readonly string[]).includes(topic))
    return [{ field: 'options.topic', message: `must be one of ${TOPICS.join(', ')}` }];
  return [
    ...eventViolations(topic as Topic, options.event),
    ...offerViolations(topic as Topic, options.offer),
    ...callToActionViolations(topic as Topic, options.callToAction),
  ];
}

function eventViolations(topic: Topic, event: unknown): RuleViolation[] {
  const field = 'options.event';
  if (topic === 'update')
    return event === undefined || event === null ? [] : [{ field, message: 'is only for event and offer posts' }];
  if (!isJson(event)) return [{ field, message: `is required for ${topic} posts: a title and start and end dates` }];
  const violations: RuleViolation[] = [];
  if (typeof event.title !== 'string' || !event.title.trim())
    violations.push({ field: `${field}.title`, message: 'is required' });
  else if (length(event.title) > EVENT_TITLE_LENGTH)
    violations.push({
      field: `${field}.title`,
      message: `is ${length(event.title)} characters; Business Profile allows ${EVENT_TITLE_LENGTH}`,
      limit: EVENT_TITLE_LENGTH,
    });
  for (const key of ['startDate', 'endDate'] as const)
    if (typeof event[key] !== 'string' || !DATE.test(event[key]))
      violations.push({ field: `${field}.${key}`, message: 'is required as YYYY-MM-DD (the location’s own date)' });
  for (const key of ['startTime', 'endTime'] as const)
    if (event[key] !== undefined && (typeof event[key] !== 'string' || !TIME.test(event[key])))
      violations.push({ field: `${field}.${key}`, message: 'must be HH:MM (24-hour, the location’s own time)' });
  if (!violations.length && scheduleKey(event, 'end') < scheduleKey(event, 'start'))
    violations.push({ field: `${field}.endDate`, message: 'is before the start' });
  return violations;
}

function scheduleKey(event: Json, end: 'start' | 'end'): string {
  return `${String(event[`${end}Date`])}T${typeof event[`${end}Time`] === 'string' ? String(event[`${end}Time`]) : end === 'start' ? '00:00' : '23:59'}`;
}

function offerViolations(topic: Topic, offer: unknown): RuleViolation[] {
  const field = 'options.offer';
  if (offer === undefined || offer === null) return [];
  if (topic !== 'offer') return [{ field, message: 'is only for offer posts' }];
  if (!isJson(offer)) return [{ field, message: 'must be an object with couponCode, redeemUrl and terms' }];
  const violations: RuleViolation[] = [];
  const limits = { couponCode: COUPON_CODE_LENGTH, terms: TERMS_LENGTH } as const;
  for (const key of ['couponCode', 'redeemUrl', 'terms'] as const) {
    const value = offer[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') violations.push({ field: `${field}.${key}`, message: 'must be a text' });
    else if (key === 'redeemUrl' && !URL_PATTERN.test(value))
      violations.push({ field: `${field}.${key}`, message: 'must be an http(s) URL' });
    else if (key !== 'redeemUrl' && length(value) > limits[key])
      violations.push({
        field: `${field}.${key}`,
        message: `is ${length(value)} characters; Business Profile allows ${limits[key]}`,
        limit: limits[key],
      });
  }
  return violations;
}

function callToActionViolations(topic: Topic, action: unknown): RuleViolation[] {
  const field = 'options.callToAction';
  if (action === undefined || action === null) return [];
  if (topic === 'offer') return [{ field, message: 'is not shown on offers; give the offer a redeem URL instead' }];
  if (!isJson(action)) return [{ field, message: 'must be an object with type and url' }];
  if (typeof action.type !== 'string' || !(CALL_TO_ACTIONS as readonly string[]).includes(action.type))
    return [{ field: `${field}.type`, message: `must be one of ${CALL_TO_ACTIONS.join(', ')}` }];
  if (action.type === 'CALL')
    return action.url === undefined || action.url === null
      ? []
      : [{ field: `${field}.url`, message: 'is not taken by CALL (it dials the business’s phone number)' }];
  if (action.url === undefined || action.url === null) return []; // the post's link stands in
  return typeof action.url === 'string' && URL_PATTERN.test(action.url)
    ? []
    : [{ field: `${field}.url`, message: 'must be an http(s) URL' }];
}

/** The checked options of a post about to be published; a problem is the post's to fix. */
export function localPostOptions(postType: PostType, options: Record<string, unknown>): LocalPostOptions {
  const [first] = googleBusinessOptionViolations(postType, options);
  if (first) throw new ConnectorFailure({ kind: 'bad-request', reason: `${first.field} ${first.message}` });
  const topic = (options.topic ?? 'update') as Topic;
  return {
    topic,
    event: topic === 'update' ? null : (options.event as EventOptions),
    offer: topic === 'offer' ? ((options.offer as OfferOptions | undefined) ?? {}) : null,
    callToAction: (options.callToAction as CallToActionOptions | undefined) ?? null,
  };
}

const EVENT_OR_OFFER = { option: 'topic', values: ['event', 'offer'] };
const OFFER = { option: 'topic', values: ['offer'] };
const NOT_OFFER = { option: 'topic', values: ['update', 'event', ''] };

export const GOOGLE_BUSINESS_OPTION_FIELDS: OptionField[] = [
  {
    name: 'topic',
    label: 'Post kind',
    kind: 'select',
    required: false,
    help: 'An update unless chosen; events and offers have a title and dates',
    choices: choicesOf(TOPICS, wordsOf),
  },
  {
    name: 'event.title',
    label: 'Event or offer title',
    kind: 'text',
    required: true,
    help: 'Shown as the heading',
    maxLength: EVENT_TITLE_LENGTH,
    when: EVENT_OR_OFFER,
  },
  {
    name: 'event.startDate',
    label: 'Starts on',
    kind: 'date',
    required: true,
    help: 'The location’s own date',
    when: EVENT_OR_OFFER,
  },
  {
    name: 'event.startTime',
    label: 'Starts at',
    kind: 'time',
    required: false,
    help: 'Optional',
    when: EVENT_OR_OFFER,
  },
  {
    name: 'event.endDate',
    label: 'Ends on',
    kind: 'date',
    required: true,
    help: 'The location’s own date',
    when: EVENT_OR_OFFER,
  },
  { name: 'event.endTime', label: 'Ends at', kind: 'time', required: false, help: 'Optional', when: EVENT_OR_OFFER },
  {
    name: 'offer.couponCode',
    label: 'Coupon code',
    kind: 'text',
    required: false,
    help: 'Shown with the offer',
    maxLength: COUPON_CODE_LENGTH,
    when: OFFER,
  },
  {
    name: 'offer.redeemUrl',
    label: 'Redeem online at',
    kind: 'text',
    required: false,
    help: 'An http(s) address',
    placeholder: 'https://example.com/offer',
    when: OFFER,
  },
  {
    name: 'offer.terms',
    label: 'Terms and conditions',
    kind: 'textarea',
    required: false,
    help: 'The offer’s small print',
    maxLength: TERMS_LENGTH,
    when: OFFER,
  },
  {
    name: 'callToAction.type',
    label: 'Button',
    kind: 'select',
    required: false,
    help: 'A button under the post; Call dials the business’s phone',
    choices: choicesOf(CALL_TO_ACTIONS, wordsOf),
    when: NOT_OFFER,
  },
  {
    name: 'callToAction.url',
    label: 'Button link',
    kind: 'text',
    required: false,
    help: 'Where the button goes (not for Call); the post’s link when empty',
    placeholder: 'https://example.com',
    when: NOT_OFFER,
  },
];
