import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { In, Repository } from 'typeorm';
import { SECRET_BOX } from '../../accounts/secret-box.provider';
import { notFound } from '../../common/common.errors';
import { SecretBox } from '../../common/secret-box';
import { insertRows } from '../../database/insert-rows';
import { Automation } from '../automation.entity';
import type { GraphNode } from '../graph';
import { AutomationTriggers } from '../automation-triggers';
import { AutomationsError } from '../automations.errors';
import { AutomationHook, HookDelivery } from '../hook.entity';
import { ApiKeyCallers } from './api-key-callers';
import { mapDelivery } from './field-maps';
import { verifySignature, WebhookRejected, type InboundDelivery, type WebhookPreset } from './signatures';

/** What a delivery to one hook needs: its automation, its webhook-in nodes and its secret. */
interface LiveHook {
  automation: Automation;
  nodes: GraphNode[];
  secret: string;
}

/**
 * A CMS calls an automation's hook: the delivery is verified the way its sender signs, a
 * replay is refused, and a run is queued per webhook-in node — then the caller gets 202 while
 * the run proceeds in the background. A hook's automation is read at most once a second, so a
 * burst of deliveries costs two rows each (committed in groups); a change (disabled, republished)
 * applies within that second.
 */
@Injectable()
export class InboundHooks {
  private readonly recent = new LRUCache<string, LiveHook>({ max: 1000, ttl: 1000 });

  constructor(
    @InjectRepository(AutomationHook) private readonly hooks: Repository<AutomationHook>,
    @InjectRepository(HookDelivery) private readonly deliveries: Repository<HookDelivery>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly triggers: AutomationTriggers,
    private readonly callers: ApiKeyCallers,
  ) {}

  async receive(hookId: string, delivery: InboundDelivery): Promise<{ runIds: string[] }> {
    const { automation, nodes, secret } = this.recent.get(hookId) ?? (await this.load(hookId));
    const keyed = await this.keyedCall(nodes, delivery, automation.workspaceId);
    const body = parseBody(delivery.rawBody);
    const starts = nodes.map((node) => {
      const preset = (node.config.preset as WebhookPreset | undefined) ?? 'generic';
      const { replayKeys } =
        keyed && preset === 'zapier' ? { replayKeys: idKeys(delivery) } : this.verify(preset, secret, delivery);
      return { replayKeys, start: { automation, triggerNodeId: node.id, payload: mapDelivery(preset, body) } };
    });
    const replayKeys = starts[0].replayKeys;
    const runs = await this.triggers
      .startRuns(
        starts.map((s) => s.start),
        (em) =>
          insertRows(
            em,
            HookDelivery,
            replayKeys.map((deliveryId) => ({ hookId, deliveryId })),
          ),
      )
      .catch((error: unknown) => this.refuseReplay(hookId, replayKeys, error));
    return { runIds: runs.map((run) => run.id) };
  }

  /**
   * Whether the call is authenticated by an API key instead of a signature: only the Zapier / Make
   * / n8n preset takes one, and a presented key must be good (checked once for every node).
   */
  private async keyedCall(nodes: GraphNode[], delivery: InboundDelivery, workspaceId: string): Promise<boolean> {
    const token = ApiKeyCallers.presented(delivery);
    if (!token || !nodes.some((n) => n.config.preset === 'zapier')) return false;
    await this.callers.check(token, workspaceId);
    return true;
  }

  private async load(hookId: string): Promise<LiveHook> {
    const hook = await this.hooks.findOneBy({ id: hookId });
    if (!hook) throw notFound('Hook');
    const { automation, nodes } = await this.triggers.liveIn(hook.automationId, 'webhook-in');
    if (!nodes.length) throw new AutomationsError('NO_SUCH_TRIGGER', 'The automation has no webhook trigger');
    const live = { automation, nodes, secret: this.secrets.open(hook.secretSealed) };
    this.recent.set(hookId, live);
    return live;
  }

  private verify(preset: WebhookPreset, secret: string, delivery: InboundDelivery) {
    try {
      return verifySignature(preset, secret, delivery);
    } catch (error) {
      if (error instanceof WebhookRejected) throw new AutomationsError('HOOK_REJECTED', error.message);
      throw error;
    }
  }

  /**
   * A delivery's replay keys are written once (the primary key), with its runs: when that write
   * failed because a key is there already, the delivery is a replay.
   */
  private async refuseReplay(hookId: string, replayKeys: string[], error: unknown): Promise<never> {
    if (await this.deliveries.existsBy({ hookId, deliveryId: In(replayKeys) })) {
      throw new AutomationsError(
        'HOOK_REPLAYED',
        'this delivery (its signature or its delivery id) was already accepted',
      );
    }
    throw error;
  }
}

/**
 * An API-key call is authenticated, not signed: nothing in it proves a repeat, so only the
 * sender's own delivery id (Zapier and n8n can set `X-Request-Id`) refuses one.
 */
function idKeys(delivery: InboundDelivery): string[] {
  const value = delivery.headers['x-delivery-id'] ?? delivery.headers['x-request-id'];
  const id = Array.isArray(value) ? value[0] : value;
  return id ? [`id:${id.slice(0, 190)}`] : [];
}

function parseBody(raw: Buffer): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AutomationsError('HOOK_REJECTED', 'the body must be a JSON object');
}
