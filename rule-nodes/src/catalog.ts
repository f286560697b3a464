import { ERROR_PORT } from './error-policy';

/**
 * The automation node catalog: every node type a graph may use, its ports and its config fields.
 * Node type names, port names and config keys are part of the public API contract
 * (`/api/v1/automations`); the backend validates graphs against this catalog, serves it to the
 * editor (`GET /api/v1/automations/node-types`) and compiles each type to the Node-RED type
 * `so-<type>` implemented in this package.
 */

export const NODE_TYPES = [
  'rss-in',
  'webhook-in',
  'schedule',
  'post-event',
  'metric-threshold',
  'automation-failed',
  'condition',
  'switch',
  'delay',
  'metric-check',
  'top-post',
  'rotate',
  'day-check',
  'collect',
  'take-collected',
  'create-draft',
  'schedule-post',
  'publish-now',
  'add-labels',
  'request-approval',
  'notify',
  'send-webhook',
  'send-email',
  'ai-caption',
] as const;

export type NodeType = (typeof NODE_TYPES)[number];
export type NodeCategory = 'trigger' | 'logic' | 'action';

export type FieldKind =
  /** Plain text. */
  | 'text'
  /** Text with `{{path}}` placeholders resolved against the incoming payload. */
  | 'template'
  | 'number'
  | 'boolean'
  | 'select'
  | 'multiselect'
  /** Account ids of the workspace; `["*"]` means every active account. */
  | 'accounts'
  /** Label names. */
  | 'labels'
  /** Member roles: built-in role keys (the options) or ids of the workspace's custom roles. */
  | 'roles'
  | 'url'
  /** A five-field cron expression, evaluated in the workspace time zone. */
  | 'cron'
  /** json-rules-engine conditions: `{all|any|not: [...]}`. */
  | 'rules'
  /** The cases of a switch: `[{port, equals}]`; each case adds an output port. */
  | 'cases';

export interface FieldOption {
  value: string;
  label: string;
  /** Still accepted (saved flows use it) but no longer offered to new ones. */
  retired?: boolean;
}

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Required only while another field has this value. */
  requiredWhen?: { key: string; equals: string };
  default?: unknown;
  options?: FieldOption[];
  min?: number;
  max?: number;
  help?: string;
}

export interface NodeTypeSpec {
  type: NodeType;
  category: NodeCategory;
  label: string;
  description: string;
  /** Input ports; triggers have none. */
  inputs: string[];
  /** Output ports; for `switch` the ports of its `cases` come first, then these. */
  outputs: string[];
  config: FieldSpec[];
}

const ACCOUNTS: FieldSpec = {
  key: 'accountIds',
  label: 'Accounts',
  kind: 'accounts',
  required: true,
  help: 'Choose accounts, or every account',
};
const POST_ID: FieldSpec = {
  key: 'postId',
  label: 'Post',
  kind: 'template',
  default: '{{postId}}',
  help: 'The post an earlier step created; usually left as {{postId}}',
};
/** The built-in member roles (the backend's BUILT_IN_ROLES keys); custom roles are a workspace's own. */
export const BUILT_IN_ROLE_OPTIONS: FieldOption[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'editor', label: 'Editor' },
  { value: 'viewer', label: 'Viewer' },
  { value: 'client', label: 'Client' },
];
/** Days of the week, Monday first (luxon's weekday 1…7). */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const LIST_NAME: FieldSpec = {
  key: 'list',
  label: 'List name',
  kind: 'text',
  required: true,
  default: 'digest',
  help: 'Collect and Take collected steps with the same name share the list (30 characters at most)',
};
const LABELS: FieldSpec = { key: 'labels', label: 'Labels', kind: 'labels' };
const POST_EVENTS: FieldOption[] = ['published', 'failed', 'approved', 'declined'].map((value) => ({
  value,
  label: value[0].toUpperCase() + value.slice(1),
}));
/**
 * The post metrics analytics records (its `post.metrics` event carries each one a network gives);
 * `likes` is the old name of reactions, kept for flows saved with it.
 */
export const POST_METRIC_OPTIONS: FieldOption[] = [
  { value: 'impressions', label: 'Impressions' },
  { value: 'reach', label: 'Reach' },
  { value: 'clicks', label: 'Link clicks' },
  { value: 'reactions', label: 'Reactions' },
  { value: 'comments', label: 'Comments' },
  { value: 'shares', label: 'Shares' },
  { value: 'saves', label: 'Saves' },
  { value: 'videoViews', label: 'Video views' },
  { value: 'engagement', label: 'Engagement' },
  { value: 'engagementRate', label: 'Engagement rate (%)' },
  { value: 'ctr', label: 'Click-through rate (%)' },
  { value: 'likes', label: 'Likes (now Reactions)', retired: true },
];
const METRICS = POST_METRIC_OPTIONS;
const COMPARISONS: FieldOption[] = [
  { value: 'greaterThanInclusive', label: 'at least' },
  { value: 'lessThan', label: 'below' },
];
/** What a metric is compared with: a number, or that many times the median of the account's posts. */
const BASES: FieldOption[] = [
  { value: 'value', label: 'the value' },
  { value: 'accountMedian', label: "the value × the account's median" },
];
const COMPARED: FieldSpec[] = [
  { key: 'comparison', label: 'When', kind: 'select', default: 'greaterThanInclusive', options: COMPARISONS },
  { key: 'value', label: 'Value', kind: 'number', required: true, min: 0 },
  {
    key: 'basis',
    label: 'Compared with',
    kind: 'select',
    default: 'value',
    options: BASES,
    help: "× median: 3 means three times the median of the account's posts of the last 90 days",
  },
];

const spec = (s: NodeTypeSpec) => s;

export const NODE_CATALOG: readonly NodeTypeSpec[] = [
  spec({
    type: 'rss-in',
    category: 'trigger',
    label: 'RSS/Atom item',
    description:
      'Starts a run for each new item of a feed. Payload: title, link, guid, summary, content, author, categories, publishedAt (null when the feed gives none it can read), feedTitle; skippedItems when that check left items out (neither title nor link, a repeated guid), each with its reason.',
    inputs: [],
    outputs: ['out'],
    config: [
      { key: 'feedUrl', label: 'Feed URL', kind: 'url', required: true },
      {
        key: 'backfill',
        label: 'Items to take on the first check',
        kind: 'number',
        default: 0,
        min: 0,
        max: 50,
        help: 'The first check sends at most this many existing items, newest first; later checks send only new ones',
      },
      { key: 'pollMinutes', label: 'Check every (minutes)', kind: 'number', default: 15, min: 1, max: 1440 },
    ],
  }),
  spec({
    type: 'webhook-in',
    category: 'trigger',
    label: 'Inbound webhook',
    description:
      "Starts a run for each signed request to the automation's hook URL, with the body mapped by the preset.",
    inputs: [],
    outputs: ['out'],
    config: [
      {
        key: 'preset',
        label: 'Sender',
        kind: 'select',
        default: 'generic',
        options: [
          { value: 'generic', label: 'Generic JSON' },
          { value: 'wordpress', label: 'WordPress' },
          { value: 'ghost', label: 'Ghost' },
          { value: 'strapi', label: 'Strapi' },
          { value: 'contentful', label: 'Contentful' },
          { value: 'zapier', label: 'Zapier / Make / n8n (signed or API key)' },
        ],
      },
    ],
  }),
  spec({
    type: 'schedule',
    category: 'trigger',
    label: 'Schedule',
    description: 'Starts a run on a cron schedule in the workspace time zone. Payload: firedAt.',
    inputs: [],
    outputs: ['out'],
    config: [
      { key: 'cron', label: 'Cron', kind: 'cron', required: true, help: 'e.g. 0 9 * * MON for Mondays at 09:00' },
    ],
  }),
  spec({
    type: 'post-event',
    category: 'trigger',
    label: 'Post event',
    description:
      'Starts a run when a post is published, fails, or is approved or declined. Payload: event, postId, variantId, accountId, network, text, reason.',
    inputs: [],
    outputs: ['out'],
    config: [
      { key: 'events', label: 'Events', kind: 'multiselect', required: true, options: POST_EVENTS },
      { key: 'accountIds', label: 'Only for accounts', kind: 'accounts', help: 'Leave empty for every account' },
    ],
  }),
  spec({
    type: 'metric-threshold',
    category: 'trigger',
    label: 'Metric threshold',
    description:
      "Starts a run, once per post variant, when analytics records a metric that crosses a value (or a multiple of the account's median). Payload: postId, variantId, accountId, metric, value, threshold; accountMedian when compared with the median.",
    inputs: [],
    outputs: ['out'],
    config: [
      { key: 'metric', label: 'Metric', kind: 'select', required: true, options: METRICS },
      ...COMPARED,
      {
        key: 'afterHours',
        label: 'Not before (hours after publishing)',
        kind: 'number',
        default: 0,
        min: 0,
        max: 24 * 90,
        help: 'e.g. 24 judges a post on its first day',
      },
    ],
  }),
  spec({
    type: 'automation-failed',
    category: 'trigger',
    label: 'Automation failed',
    description:
      "Starts a run when a run of another automation that names this one as its error handler fails or is stopped. Payload: runId, automationId, automationName, step (the failed step's name), error, outcome, runUrl.",
    inputs: [],
    outputs: ['out'],
    config: [],
  }),
  spec({
    type: 'condition',
    category: 'logic',
    label: 'Condition',
    description: 'Sends the message to true or false by rules on payload fields (all / any / not).',
    inputs: ['in'],
    outputs: ['true', 'false'],
    config: [{ key: 'rules', label: 'Rules', kind: 'rules', required: true }],
  }),
  spec({
    type: 'switch',
    category: 'logic',
    label: 'Switch',
    description: 'Sends the message to the first case whose value equals the field, else to otherwise.',
    inputs: ['in'],
    outputs: ['otherwise'],
    config: [
      { key: 'field', label: 'Field', kind: 'text', required: true, help: 'A payload path, e.g. category' },
      { key: 'cases', label: 'Cases', kind: 'cases', required: true },
    ],
  }),
  spec({
    type: 'delay',
    category: 'logic',
    label: 'Delay / wait until',
    description:
      'Waits a number of minutes, or until a time; long waits are kept in the database and survive restarts.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      {
        key: 'mode',
        label: 'Wait',
        kind: 'select',
        default: 'for',
        options: [
          { value: 'for', label: 'for a while' },
          { value: 'until', label: 'until a time' },
        ],
      },
      {
        key: 'minutes',
        label: 'Minutes',
        kind: 'number',
        min: 0,
        max: 60 * 24 * 90,
        requiredWhen: { key: 'mode', equals: 'for' },
      },
      {
        key: 'until',
        label: 'Until',
        kind: 'template',
        requiredWhen: { key: 'mode', equals: 'until' },
        help: 'An ISO date-time, e.g. {{publishedAt}}',
      },
    ],
  }),
  spec({
    type: 'metric-check',
    category: 'logic',
    label: 'Post metric check',
    description:
      "Sends the message to true or false by the post's latest metrics from analytics (false while it has none): the variant of the payload's variantId, else the post's best variant by the metric. Adds metrics, variantId, and accountMedian when compared with the median.",
    inputs: ['in'],
    outputs: ['true', 'false'],
    config: [
      POST_ID,
      { key: 'metric', label: 'Metric', kind: 'select', required: true, options: METRICS },
      ...COMPARED,
    ],
  }),
  spec({
    type: 'top-post',
    category: 'logic',
    label: 'Top post',
    description:
      'Picks, by a metric from analytics, the best of the posts published through the platform in the last days that this node has not picked before; none when there is no such post. Adds text, mediaIds, topPost (postId, variantId, accountId, network, publishedAt, metric, value) and postId.',
    inputs: ['in'],
    outputs: ['out', 'none'],
    config: [
      {
        key: 'metric',
        label: 'Best by',
        kind: 'select',
        default: 'engagement',
        options: METRICS.filter((m) => !m.retired),
      },
      { key: 'days', label: 'Published in the last (days)', kind: 'number', default: 30, min: 1, max: 365 },
      { key: 'accountIds', label: 'Only from accounts', kind: 'accounts', help: 'Leave empty for every account' },
    ],
  }),
  spec({
    type: 'rotate',
    category: 'logic',
    label: 'Rotate',
    description:
      'Takes the next of its values, in turn, each time a run passes (the first, the second, … then the first again); the position is kept per automation and step, so republishing keeps it. Adds rotated (the value taken) and rotation (its position, from 1). A test of the draft shows the next value without moving on.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      {
        key: 'values',
        label: 'Values',
        kind: 'text',
        required: true,
        help: 'One per line, e.g. a set of hashtags per line; each run takes the next line',
      },
    ],
  }),
  spec({
    type: 'day-check',
    category: 'logic',
    label: 'Day check',
    description:
      'Whether a time (now, or a date-time from the payload) falls on the chosen days of the week in the workspace time zone: out on match, else otherwise. Adds weekday (monday…sunday, in the workspace zone) and nextOtherDayAt (the start of the next day not chosen, for a delay until then).',
    inputs: ['in'],
    outputs: ['match', 'otherwise'],
    config: [
      {
        key: 'days',
        label: 'Days',
        kind: 'multiselect',
        required: true,
        default: ['saturday', 'sunday'],
        options: WEEKDAYS.map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) })),
      },
      {
        key: 'at',
        label: 'Time',
        kind: 'template',
        help: 'An ISO date-time such as {{scheduledAt}}; left empty for now',
      },
    ],
  }),
  spec({
    type: 'collect',
    category: 'logic',
    label: 'Collect',
    description:
      "Adds one line (its Item text, e.g. a feed item's title and link) to a named list kept by the automation, for a Take collected step to gather later (a daily digest). Keeps the newest 100. Adds collected (how many lines the list holds).",
    inputs: ['in'],
    outputs: ['out'],
    config: [
      { ...LIST_NAME },
      { key: 'item', label: 'Item text', kind: 'template', required: true, default: '{{title}} {{link}}' },
    ],
  }),
  spec({
    type: 'take-collected',
    category: 'logic',
    label: 'Take collected',
    description:
      'Takes every line a Collect step added to the named list since the last take, and empties it: out with items (the lines), itemsText (one line each, "• " first) and count; none when the list is empty.',
    inputs: ['in'],
    outputs: ['out', 'none'],
    config: [{ ...LIST_NAME }],
  }),
  spec({
    type: 'create-draft',
    category: 'action',
    label: 'Create draft',
    description:
      'Creates a draft post for the accounts chosen here or named in the payload (accounts: ids or names, as the Zapier / Make / n8n hook passes them), with an optional link and the media an earlier step handed on (mediaIds, as top-post does, or mediaUrls to download). Adds postId to the payload.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      { key: 'text', label: 'Text', kind: 'template', required: true },
      {
        key: 'accountsFrom',
        label: 'Accounts from',
        kind: 'select',
        default: 'settings',
        options: [
          { value: 'settings', label: 'The accounts chosen here' },
          { value: 'payload', label: 'The payload (its accounts: ids or names)' },
        ],
      },
      { ...ACCOUNTS, required: false, requiredWhen: { key: 'accountsFrom', equals: 'settings' } },
      { key: 'link', label: 'Link', kind: 'template', help: "The post's link, e.g. {{link}}; left empty for none" },
      {
        key: 'mediaFrom',
        label: 'Media from',
        kind: 'select',
        default: 'payload',
        options: [
          { value: 'payload', label: 'The payload (mediaIds, mediaUrls)' },
          { value: 'none', label: 'No media' },
        ],
      },
      LABELS,
    ],
  }),
  spec({
    type: 'schedule-post',
    category: 'action',
    label: 'Schedule post',
    description: 'Schedules a post at a time or in the next free queue slot of each account.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      POST_ID,
      {
        key: 'when',
        label: 'When',
        kind: 'select',
        default: 'queue',
        options: [
          { value: 'queue', label: 'Next free queue slot' },
          { value: 'at', label: 'At a time' },
        ],
      },
      {
        key: 'at',
        label: 'At',
        kind: 'template',
        requiredWhen: { key: 'when', equals: 'at' },
        help: 'An ISO date-time',
      },
    ],
  }),
  spec({
    type: 'publish-now',
    category: 'action',
    label: 'Publish now',
    description: 'Publishes a post right away.',
    inputs: ['in'],
    outputs: ['out'],
    config: [POST_ID],
  }),
  spec({
    type: 'add-labels',
    category: 'action',
    label: 'Add labels',
    description: 'Adds labels to a post.',
    inputs: ['in'],
    outputs: ['out'],
    config: [POST_ID, { ...LABELS, required: true }],
  }),
  spec({
    type: 'request-approval',
    category: 'action',
    label: 'Request approval',
    description:
      'Asks the team to approve the post; the run waits until someone decides or the time runs out. A request withdrawn on the board continues on declined (decision: withdrawn).',
    inputs: ['in'],
    outputs: ['approved', 'declined', 'timeout'],
    config: [
      POST_ID,
      { key: 'message', label: 'Message to approvers', kind: 'template' },
      {
        key: 'timeoutHours',
        label: 'Give up after (hours)',
        kind: 'number',
        min: 1,
        max: 24 * 30,
        help: 'Empty waits for ever',
      },
    ],
  }),
  spec({
    type: 'notify',
    category: 'action',
    label: 'Notify team',
    description: 'Sends an in-app notification and, optionally, an email to members with the roles chosen.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      { key: 'message', label: 'Message', kind: 'template', required: true },
      {
        key: 'roles',
        label: 'Roles',
        kind: 'roles',
        required: true,
        default: ['owner', 'admin'],
        options: BUILT_IN_ROLE_OPTIONS,
        help: "Members with any of these roles; the workspace's custom roles are offered too",
      },
      { key: 'email', label: 'Also by email', kind: 'boolean', default: false },
    ],
  }),
  spec({
    type: 'send-webhook',
    category: 'action',
    label: 'Send webhook',
    description:
      "POSTs the payload as JSON, signed with the workspace's webhook secret (X-Signature, an HMAC of X-Timestamp and the body), retried on failure.",
    inputs: ['in'],
    outputs: ['out'],
    config: [{ key: 'url', label: 'URL', kind: 'url', required: true }],
  }),
  spec({
    type: 'send-email',
    category: 'action',
    label: 'Send email',
    description: 'Sends an email.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      { key: 'to', label: 'To', kind: 'template', required: true },
      { key: 'subject', label: 'Subject', kind: 'template', required: true },
      { key: 'body', label: 'Body', kind: 'template', required: true },
    ],
  }),
  spec({
    type: 'ai-caption',
    category: 'action',
    label: 'AI caption',
    description:
      'Writes a caption from the source text, fitting the shortest limit of the networks given. Adds caption and generator to the payload.',
    inputs: ['in'],
    outputs: ['out'],
    config: [
      { key: 'source', label: 'Source text', kind: 'template', default: '{{title}}\n\n{{summary | ""}}' },
      { key: 'instructions', label: 'Instructions', kind: 'text', help: 'e.g. friendly, one emoji, two hashtags' },
      {
        key: 'networks',
        label: 'Fit for',
        kind: 'multiselect',
        default: ['x'],
        options: ['x', 'linkedin', 'facebook', 'instagram', 'sandbox'].map((value) => ({ value, label: value })),
      },
    ],
  }),
];

const BY_TYPE = new Map(NODE_CATALOG.map((s) => [s.type, s]));

export const nodeTypeSpec = (type: string): NodeTypeSpec | undefined => BY_TYPE.get(type as NodeType);

/** The Node-RED type a catalog type compiles to. */
export const nodeRedType = (type: NodeType): string => `so-${type}`;

/**
 * Output ports of a node, given its config (a switch gains one port per case) and its error
 * policy (`continue` adds the `error` port, last).
 */
export function outputPorts(type: NodeType, config: Record<string, unknown>, onError?: { mode?: unknown }): string[] {
  const spec = BY_TYPE.get(type)!;
  const error = onError?.mode === 'continue' && spec.category !== 'trigger' ? [ERROR_PORT] : [];
  if (type !== 'switch') return [...spec.outputs, ...error];
  const cases = Array.isArray(config.cases) ? config.cases : [];
  const ports = cases.flatMap((c) => (c && typeof c === 'object' && typeof c.port === 'string' ? [c.port] : []));
  return [...ports, ...spec.outputs, ...error];
}

/** Which nodes may close a cycle: a run that loops must wait somewhere. */
export const WAITING_TYPES: ReadonlySet<NodeType> = new Set(['delay', 'request-approval']);
