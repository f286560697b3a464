import type { IconName } from '../../shared/icon.component';
import type { Graph, GraphEdge, GraphNode, NodeTypeSpec } from '../automation.types';
import { outputPorts } from '../graph-editing';
import { OPERATORS } from '../rule-operators';

/** The icon on each node type's card and palette entry. */
const ICON_BY_TYPE: Partial<Record<string, IconName>> = {
  'rss-in': 'rss',
  'webhook-in': 'webhook',
  schedule: 'clock',
  'post-event': 'radio',
  'metric-threshold': 'trending-up',
  'automation-failed': 'circle-alert',
  condition: 'branch',
  switch: 'split',
  delay: 'hourglass',
  'metric-check': 'gauge',
  'top-post': 'trophy',
  'create-draft': 'file-pen',
  'schedule-post': 'calendar-clock',
  'publish-now': 'now',
  'add-labels': 'tag',
  'request-approval': 'badge-check',
  notify: 'bell',
  'send-webhook': 'send',
  'send-email': 'mail',
  'ai-caption': 'sparkles',
};

export const iconOf = (type: string): IconName => ICON_BY_TYPE[type] ?? 'workflow';

/** What a person calls a node: the label they gave it, else its type's label. */
export function nodeName(node: GraphNode, spec: NodeTypeSpec | undefined): string {
  return node.label?.trim() || spec?.label || node.type;
}

/** A graph's node name by id (a connection whose node is gone names it "a removed step"). */
export function nameById(graph: Graph, specs: readonly NodeTypeSpec[], id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node
    ? nodeName(
        node,
        specs.find((s) => s.type === node.type),
      )
    : 'a removed step';
}

/** `Condition (true) → Create draft`: the port is named only when the step has several outputs. */
export function connectionText(graph: Graph, specs: readonly NodeTypeSpec[], edge: GraphEdge): string {
  const from = graph.nodes.find((n) => n.id === edge.from.node);
  const spec = specs.find((s) => s.type === from?.type);
  const ports = spec && from ? outputPorts(spec, from.config, from.onError) : [];
  const port = ports.length === 1 && ports[0] === edge.from.port ? '' : ` (${edge.from.port})`;
  return `${nameById(graph, specs, edge.from.node)}${port} → ${nameById(graph, specs, edge.to.node)}`;
}

const clip = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const quoted = (value: unknown) => (typeof value === 'string' && value.trim() ? `“${value.trim()}”` : '');
const hostOf = (url: unknown) => {
  try {
    return new URL(String(url)).host;
  } catch {
    return '';
  }
};
const optionLabel = (spec: NodeTypeSpec, key: string, value: unknown) =>
  spec.config.find((f) => f.key === key)?.options?.find((o) => o.value === value)?.label ?? String(value ?? '');
const accounts = (ids: unknown) =>
  Array.isArray(ids) && ids.length ? `${ids.length} account${ids.length === 1 ? '' : 's'}` : 'every account';

interface Rule {
  fact?: unknown;
  operator?: unknown;
  value?: unknown;
}

function rulesInWords(rules: unknown): string {
  const group = rules as { all?: Rule[]; any?: Rule[] } | undefined;
  const list = group?.all ?? group?.any ?? [];
  if (!list.length) return 'No rules yet';
  const [first] = list;
  const operator = OPERATORS.find((o) => o.value === first.operator)?.label ?? String(first.operator ?? '');
  const value = Array.isArray(first.value) ? first.value.join(', ') : String(first.value ?? '');
  const more = list.length > 1 ? ` (+${list.length - 1} more, ${group?.any ? 'any' : 'all'})` : '';
  return `If ${String(first.fact ?? '')} ${operator} ${value}${more}`;
}

type Summariser = (config: Record<string, unknown>, spec: NodeTypeSpec) => string;

const SUMMARIES: Partial<Record<string, Summariser>> = {
  'rss-in': (c) => (hostOf(c['feedUrl']) ? `New items from ${hostOf(c['feedUrl'])}` : 'No feed chosen yet'),
  'webhook-in': (c, s) => `Called by ${optionLabel(s, 'preset', c['preset'] ?? 'generic')}`,
  schedule: (c) => (c['cron'] ? `On schedule ${String(c['cron'])}` : 'No schedule yet'),
  'post-event': (c) =>
    Array.isArray(c['events']) && c['events'].length ? `When a post is ${c['events'].join(' or ')}` : 'No events yet',
  'metric-threshold': (c, s) =>
    c['metric']
      ? `When ${optionLabel(s, 'metric', c['metric']).toLowerCase()} crosses ${String(c['value'] ?? '…')}`
      : 'No metric yet',
  'automation-failed': () => 'When an automation handled by this one fails',
  condition: (c) => rulesInWords(c['rules']),
  switch: (c) => {
    const cases = Array.isArray(c['cases']) ? c['cases'].length : 0;
    return c['field'] ? `By ${String(c['field'])}: ${cases} case${cases === 1 ? '' : 's'}` : 'No field yet';
  },
  delay: (c) =>
    c['mode'] === 'until' ? `Wait until ${String(c['until'] ?? '…')}` : `Wait ${String(c['minutes'] ?? '…')} minutes`,
  'metric-check': (c, s) =>
    c['metric'] ? `Checks ${optionLabel(s, 'metric', c['metric']).toLowerCase()}` : 'No metric yet',
  'top-post': (c) => `Best of the last ${String(c['days'] ?? 30)} days`,
  'create-draft': (c) => `${quoted(c['text']) || 'No text yet'} for ${accounts(c['accountIds'])}`,
  'schedule-post': (c, s) => optionLabel(s, 'when', c['when'] ?? 'queue'),
  'publish-now': () => 'Publishes the post at once',
  'add-labels': (c) =>
    Array.isArray(c['labels']) && c['labels'].length ? `Adds ${c['labels'].join(', ')}` : 'No labels yet',
  'request-approval': (c) => quoted(c['message']) || 'Asks the approvers',
  notify: (c) => quoted(c['message']) || 'No message yet',
  'send-webhook': (c) => (hostOf(c['url']) ? `Sends to ${hostOf(c['url'])}` : 'No address yet'),
  'send-email': (c) => (c['to'] ? `To ${String(c['to'])}` : 'No recipient yet'),
  'ai-caption': (c) =>
    Array.isArray(c['networks']) && c['networks'].length
      ? `Writes for ${c['networks'].join(', ')}`
      : 'Writes a caption',
};

/** How a step's card says what it does when it fails (nothing when it stops the run, the default). */
function onErrorInWords(node: GraphNode): string {
  const policy = node.onError;
  if (policy?.mode === 'continue') return ' · on error: error port';
  if (policy?.mode === 'retry') return ` · on error: retry ${policy.retries ?? 3}×`;
  return '';
}

/** A one-line summary of a node's settings in plain words, for its card on the canvas. */
export function summaryOf(node: GraphNode, spec: NodeTypeSpec | undefined): string {
  const summarise = spec && SUMMARIES[node.type];
  return clip(summarise ? summarise(node.config, spec) : '') + onErrorInWords(node);
}
