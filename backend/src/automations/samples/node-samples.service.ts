import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { examplePayload, nodeTypeSpec, type NodeSampleView } from '@socialorchestrator/rule-nodes';
import { Cron } from 'croner';
import { Repository } from 'typeorm';
import { notFound } from '../../common/common.errors';
import { randomToken } from '../../common/secrets';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { jsonRow } from '../../database/json-row';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { Automation } from '../automation.entity';
import { AutomationsError } from '../automations.errors';
import type { GraphNode } from '../graph';
import { mapDelivery } from '../inbound/field-maps';
import type { WebhookPreset } from '../inbound/signatures';
import { readFeed } from '../triggers/feed-reader';
import { NodeSample, type SampleSource } from './node-sample.entity';

/** How long a test URL waits for its delivery (n8n listens for two minutes; a CMS may be slower to set up). */
export const TEST_DELIVERY_WAIT_MS = 10 * 60_000;
/** Largest sample kept, as JSON text: a sample is for showing fields, not for storing documents. */
export const MAX_SAMPLE_BYTES = 64 * 1024;

export type SampleRequest = { source: 'fetch' | 'wait' | 'example' } | { source: 'pasted'; json: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The sample data of a draft's trigger nodes (like n8n's pinned data): an RSS trigger fetches its
 * feed's latest item, a webhook waits for a test delivery or takes pasted JSON, every trigger can
 * take its type's realistic example. Kept per trigger node of the draft; the field picker shows it
 * and a test of the draft runs on it (`samplesOf`).
 */
@Injectable()
export class NodeSamples {
  constructor(
    @InjectRepository(NodeSample) private readonly samples: Repository<NodeSample>,
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspacesService,
  ) {}

  /**
   * The samples of an automation's draft, by trigger node id: the payload each trigger would start
   * a run with. What a test of the draft (dry run) runs on; nodes without a sample are absent.
   */
  async samplesOf(workspaceId: string, automationId: string): Promise<Record<string, Record<string, unknown>>> {
    const rows = await this.samples.findBy({ workspaceId, automationId });
    return Object.fromEntries(rows.flatMap((r) => (r.payload ? [[r.nodeId, r.payload]] : [])));
  }

  /** Every sample of the automation (404 for another workspace's), as the API shows them. */
  async list(workspaceId: string, automationId: string): Promise<NodeSampleView[]> {
    if (!(await this.automations.existsBy({ id: automationId, workspaceId }))) throw notFound('Automation');
    return this.views(workspaceId, automationId);
  }

  /** Every sample of the automation, as the API shows them. */
  async views(workspaceId: string, automationId: string): Promise<NodeSampleView[]> {
    const rows = await this.samples.find({ where: { workspaceId, automationId }, order: { nodeId: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  async get(workspaceId: string, automationId: string, nodeId: string): Promise<NodeSampleView> {
    await this.triggerNode(workspaceId, automationId, nodeId);
    const row = await this.samples.findOneBy({ workspaceId, automationId, nodeId });
    if (!row) throw notFound('Sample');
    return this.view(row);
  }

  /** Takes a sample for a trigger node of the draft, the way asked. */
  async take(
    workspaceId: string,
    automationId: string,
    nodeId: string,
    request: SampleRequest,
  ): Promise<NodeSampleView> {
    const node = await this.triggerNode(workspaceId, automationId, nodeId);
    const key = { workspaceId, automationId, nodeId };
    switch (request.source) {
      case 'fetch':
        return this.store(key, 'fetch', await this.latestFeedItem(node));
      case 'pasted':
        return this.store(key, 'pasted', this.pasted(node, request.json));
      case 'example':
        return this.store(key, 'example', await this.example(workspaceId, node));
      case 'wait':
        return this.wait(key, node);
    }
  }

  async clear(workspaceId: string, automationId: string, nodeId: string): Promise<void> {
    await this.triggerNode(workspaceId, automationId, nodeId);
    await this.samples.delete({ workspaceId, automationId, nodeId });
  }

  /**
   * A test delivery to a waiting webhook trigger: its body, mapped by the node's preset as a real
   * delivery is, becomes the node's sample. The URL's one-time token is the credential (as n8n's
   * test URL): it is random, open for ten minutes and used once, and the delivery starts no run.
   */
  async captureTestDelivery(token: string, rawBody: Buffer): Promise<{ nodeId: string; fields: string[] }> {
    const row = token.length === 48 ? await this.samples.findOneBy({ testToken: token }) : null;
    if (!row || !row.waitingUntil || row.waitingUntil.getTime() < Date.now()) throw notFound('Waiting test URL');
    const node = await this.triggerNode(row.workspaceId, row.automationId, row.nodeId).catch(() => null);
    if (!node) throw notFound('Waiting test URL');
    if (rawBody.length > MAX_SAMPLE_BYTES)
      throw new AutomationsError('INVALID_SAMPLE', 'the test delivery is larger than 64 kB');
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new AutomationsError('INVALID_SAMPLE', 'the test delivery must be a JSON object');
    }
    const payload = this.pasted(node, body);
    // Claimed with the token it was read with: two deliveries racing for one URL store one sample.
    const claimed = await this.samples.update(
      { automationId: row.automationId, nodeId: row.nodeId, testToken: token },
      jsonRow({ source: 'test-delivery', payload, capturedAt: new Date(), testToken: null, waitingUntil: null }),
    );
    if (!claimed.affected) throw notFound('Waiting test URL');
    return { nodeId: row.nodeId, fields: Object.keys(payload) };
  }

  private async wait(key: Pick<NodeSample, 'workspaceId' | 'automationId' | 'nodeId'>, node: GraphNode) {
    if (node.type !== 'webhook-in') {
      throw new AutomationsError('INVALID_SAMPLE', 'only a webhook trigger waits for a test delivery', [
        {
          field: 'source',
          message: `source wait is for webhook triggers; ${node.type} takes fetch, pasted or example`,
        },
      ]);
    }
    const previous = await this.samples.findOneBy(key);
    return this.save({
      ...key,
      source: previous?.source ?? 'test-delivery',
      payload: previous?.payload ?? null,
      capturedAt: previous?.capturedAt ?? null,
      testToken: randomToken(36),
      waitingUntil: new Date(Date.now() + TEST_DELIVERY_WAIT_MS),
    });
  }

  private store(
    key: Pick<NodeSample, 'workspaceId' | 'automationId' | 'nodeId'>,
    source: SampleSource,
    payload: Record<string, unknown>,
  ) {
    return this.save({ ...key, source, payload, capturedAt: new Date(), testToken: null, waitingUntil: null });
  }

  private async save(row: Omit<NodeSample, 'updatedAt'>): Promise<NodeSampleView> {
    // Update, else insert: TypeORM's upsert has no SQL Server form.
    const { automationId, nodeId, ...rest } = row;
    const updated = await this.samples.update({ automationId, nodeId }, jsonRow(rest));
    if (!updated.affected) await this.samples.insert(jsonRow(row));
    return this.view((await this.samples.findOneBy({ automationId: row.automationId, nodeId: row.nodeId }))!);
  }

  /** Pasted JSON (or a test delivery's body) as the trigger would send it: a webhook maps it by its preset. */
  private pasted(node: GraphNode, json: unknown): Record<string, unknown> {
    if (!isObject(json)) {
      throw new AutomationsError('INVALID_SAMPLE', 'the sample must be a JSON object', [
        { field: 'json', message: 'must be a JSON object ({"title": "…"})' },
      ]);
    }
    if (JSON.stringify(json).length > MAX_SAMPLE_BYTES) {
      throw new AutomationsError('INVALID_SAMPLE', 'the sample is larger than 64 kB', [
        { field: 'json', message: 'must be at most 64 kB of JSON' },
      ]);
    }
    if (node.type !== 'webhook-in') return json;
    return mapDelivery((node.config.preset as WebhookPreset | undefined) ?? 'generic', json);
  }

  /** The feed's newest item, as the RSS trigger would send it. */
  private async latestFeedItem(node: GraphNode): Promise<Record<string, unknown>> {
    if (node.type !== 'rss-in') {
      throw new AutomationsError('INVALID_SAMPLE', 'only an RSS trigger fetches a sample', [
        { field: 'source', message: `source fetch is for RSS triggers; ${node.type} takes pasted, wait or example` },
      ]);
    }
    const feedUrl = typeof node.config.feedUrl === 'string' ? node.config.feedUrl.trim() : '';
    if (!feedUrl) {
      throw new AutomationsError('INVALID_SAMPLE', 'the RSS trigger has no feed URL yet', [
        { field: 'feedUrl', message: 'Feed URL is required to fetch a sample' },
      ]);
    }
    const read = await readFeed(feedUrl, {
      allowPrivate: this.config.allowPrivateUrls,
      timeoutMs: this.config.automation.feedTimeoutMs,
    }).catch((error: Error) => {
      throw new AutomationsError('SAMPLE_UNAVAILABLE', error.message);
    });
    const newest = read.items[0];
    if (!newest) throw new AutomationsError('SAMPLE_UNAVAILABLE', `${feedUrl} has no item that can be read`);
    const { key: _key, ...item } = newest;
    return item;
  }

  /** The type's realistic example; a schedule's names its next firing in the workspace's time zone. */
  private async example(workspaceId: string, node: GraphNode): Promise<Record<string, unknown>> {
    const payload = examplePayload(node.type, node.config.preset as string | undefined);
    if (node.type === 'schedule' && typeof node.config.cron === 'string') {
      const timezone = await this.workspaces.timeZoneOf(workspaceId);
      try {
        const next = new Cron(node.config.cron, { timezone, paused: true }).nextRun();
        if (next) payload.firedAt = next.toISOString();
      } catch {
        // A cron croner refuses keeps the example's date; publishing names the cron's problem.
      }
    }
    return payload;
  }

  private async triggerNode(workspaceId: string, automationId: string, nodeId: string): Promise<GraphNode> {
    const automation = await this.automations.findOneBy({ id: automationId, workspaceId });
    if (!automation) throw notFound('Automation');
    const node = automation.graph.nodes.find((n) => n.id === nodeId);
    if (!node) throw notFound('Node');
    if (nodeTypeSpec(node.type)?.category !== 'trigger') {
      throw new AutomationsError('INVALID_SAMPLE', 'only a trigger has sample data; later steps get theirs from it', [
        { field: 'nodeId', message: `${node.label ?? nodeTypeSpec(node.type)?.label ?? node.type} is not a trigger` },
      ]);
    }
    return node;
  }

  private view(row: NodeSample): NodeSampleView {
    const waiting = row.testToken && row.waitingUntil && row.waitingUntil.getTime() > Date.now();
    const url = `${this.config.publicUrl}/api/v1/hooks/test/${row.testToken}`;
    return {
      nodeId: row.nodeId,
      source: row.source,
      payload: row.payload,
      capturedAt: row.capturedAt?.toISOString() ?? null,
      waiting: waiting
        ? {
            url,
            until: row.waitingUntil!.toISOString(),
            curl: `curl -X POST '${url}' -H 'Content-Type: application/json' -d '{"title": "Hello from my blog", "link": "https://example.com/hello"}'`,
          }
        : null,
    };
  }
}
