import type { NodeType } from './catalog';

/**
 * What each node type sends on: the fields it adds to the payload, with a realistic example of
 * each, and whether the payload it received goes on with them. This is the catalog's output half:
 * the editor's field picker (through `fieldsAvailable`) and the triggers' example samples read it.
 * Kept beside the runtime that fills these fields (backend triggers and actions); a field added
 * there belongs here too.
 */
export interface OutputField {
  /** A `{{path}}` into the payload: `title`, `topPost.value`. */
  path: string;
  example: unknown;
}

export interface NodeOutput {
  /** The payload the node received goes on, with `fields` added (actions and logic); triggers start fresh. */
  keepsInput: boolean;
  fields: OutputField[];
}

const f = (path: string, example: unknown): OutputField => ({ path, example });
const adds = (...fields: OutputField[]): NodeOutput => ({ keepsInput: true, fields });
const starts = (...fields: OutputField[]): NodeOutput => ({ keepsInput: false, fields });

const POST = [
  f('postId', '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10'),
  f('variantId', '01936f2a-8c1f-7a02-b3c4-5d6e7f809a1b'),
  f('accountId', '01936f20-11aa-7bcd-8e9f-0a1b2c3d4e5f'),
];

/** The fields the named webhook presets map a sender's body to (`field-maps.ts` in the backend). */
export const WEBHOOK_PRESET_FIELDS: OutputField[] = [
  f('id', '4182'),
  f('title', 'Spring collection: ten looks for the new season'),
  f('link', 'https://blog.example.com/spring-collection'),
  f('text', 'Ten looks, three fabrics and one colour we cannot stop wearing.'),
  f('content', '<p>Ten looks, three fabrics…</p>'),
  f('status', 'publish'),
  f('author', 'Maya Lindqvist'),
  f('tags', ['spring', 'fashion']),
  f('categories', ['Collections']),
  f('imageUrl', 'https://blog.example.com/images/spring.jpg'),
];

const OUTPUTS: Record<NodeType, NodeOutput> = {
  'rss-in': starts(
    f('title', 'How we cut our posting time in half'),
    f('link', 'https://blog.example.com/posting-time'),
    f('guid', 'https://blog.example.com/?p=1042'),
    f('summary', 'Three habits and one tool that gave our team back four hours a week.'),
    f('content', '<p>Three habits and one tool…</p>'),
    f('author', 'Sam Okafor'),
    f('categories', ['Productivity', 'Social media']),
    f('publishedAt', '2026-12-01T08:30:00.000Z'),
    f('feedTitle', 'The Example Blog'),
  ),
  // A generic sender's fields are its own: known from a test delivery or pasted JSON only.
  'webhook-in': starts(),
  schedule: starts(f('firedAt', '2026-12-07T09:00:00.000Z')),
  'post-event': starts(
    f('event', 'published'),
    ...POST,
    f('network', 'linkedin'),
    f('text', 'Our spring collection is here: ten looks for the new season.'),
    f('labels', ['launch']),
    f('reason', null),
  ),
  'metric-threshold': starts(
    ...POST,
    f('metric', 'engagement'),
    f('value', 412),
    f('threshold', 300),
    f('accountMedian', 100),
  ),
  'automation-failed': starts(
    f('runId', '01936f40-5a6b-7c8d-9e0f-112233445566'),
    f('automationId', '01936f3f-0a1b-7c2d-8e3f-405162738495'),
    f('automationName', 'New blog posts to LinkedIn'),
    f('step', 'Create draft'),
    f('error', 'Step "Create draft": Text needs {{title}}, which is not in its input.'),
    f('outcome', 'failed'),
    f(
      'runUrl',
      'https://app.example.com/w/acme/automations/01936f3f-0a1b-7c2d-8e3f-405162738495?run=01936f40-5a6b-7c8d-9e0f-112233445566',
    ),
  ),
  condition: adds(),
  switch: adds(),
  delay: adds(),
  'metric-check': adds(
    f('metrics', { impressions: 5120, reactions: 230, comments: 18, shares: 12, engagement: 260 }),
    f('variantId', '01936f2a-8c1f-7a02-b3c4-5d6e7f809a1b'),
    f('accountMedian', 100),
  ),
  'top-post': adds(
    f('postId', '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10'),
    f('text', 'Our most shared post this month: five tips for better captions.'),
    f('topPost', {
      postId: '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10',
      variantId: '01936f2a-8c1f-7a02-b3c4-5d6e7f809a1b',
      accountId: '01936f20-11aa-7bcd-8e9f-0a1b2c3d4e5f',
      network: 'linkedin',
      publishedAt: '2026-11-12T10:00:00.000Z',
      metric: 'engagement',
      value: 980,
    }),
  ),
  rotate: adds(f('rotated', '#coffee #morningbrew'), f('rotation', 2)),
  'day-check': adds(f('weekday', 'saturday'), f('nextOtherDayAt', '2026-12-07T00:00:00.000+01:00')),
  collect: adds(f('collected', 3)),
  'take-collected': adds(
    f('items', ['Coffee prices in 2027 https://news.example/prices']),
    f('itemsText', '• Coffee prices in 2027 https://news.example/prices'),
    f('count', 1),
  ),
  'create-draft': adds(f('postId', '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10')),
  'schedule-post': adds(
    f('postId', '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10'),
    f('scheduledAt', '2026-12-08T09:00:00.000Z'),
  ),
  'publish-now': adds(f('postId', '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10')),
  'add-labels': adds(f('postId', '01936f2a-8c1e-7d4b-9a51-3f0c2b7e4d10'), f('labels', ['launch', 'spring'])),
  'request-approval': adds(
    f('approvalId', '01936f30-2b3c-7d4e-8f90-a1b2c3d4e5f6'),
    f('decision', 'approved'),
    f('reason', null),
  ),
  notify: adds(f('notified', 3)),
  'send-webhook': adds(f('webhookDeliveryId', '01936f31-0a1b-7c2d-9e3f-405162738495')),
  'send-email': adds(f('emailedTo', 'team@example.com')),
  'ai-caption': adds(
    f('caption', 'Ten looks, three fabrics, one new season. Meet the spring collection 🌱 #spring #fashion'),
    f('generator', 'offline'),
  ),
};

export const nodeOutput = (type: NodeType): NodeOutput => OUTPUTS[type] ?? adds();

/**
 * What a trigger of this type sends, as a realistic example (a schedule's next firing, a
 * published post): the sample a trigger has before any real data, so every trigger has one.
 * `preset` names a webhook sender; a generic sender's example is empty (its fields are its own).
 */
export function examplePayload(type: NodeType, preset?: string): Record<string, unknown> {
  const fields =
    type === 'webhook-in' && preset && preset !== 'generic' ? WEBHOOK_PRESET_FIELDS : nodeOutput(type).fields;
  return Object.fromEntries(fields.map((field) => [field.path, field.example]));
}
