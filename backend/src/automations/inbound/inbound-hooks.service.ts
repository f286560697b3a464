import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SECRET_BOX } from '../../accounts/secret-box.provider';
import { notFound } from '../../common/common.errors';
import { SecretBox } from '../../common/secret-box';
import { AutomationTriggers } from '../automation-triggers';
import { AutomationsError } from '../automations.errors';
import { AutomationHook, HookDelivery } from '../hook.entity';
import { mapDelivery } from './field-maps';
import { verifySignature, WebhookRejected, type InboundDelivery, type WebhookPreset } from './signatures';

/**
 * A CMS calls an automation's hook: the delivery is verified the way its sender signs, a
 * replay is refused, and a run is queued per webhook-in node — then the caller gets 202 while
 * the run proceeds in the background.
 */
@Injectable()
export class InboundHooks {
  constructor(
    @InjectRepository(AutomationHook) private readonly hooks: Repository<AutomationHook>,
    @InjectRepository(HookDelivery) private readonly deliveries: Repository<HookDelivery>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly triggers: AutomationTriggers,
  ) {}

  async receive(hookId: string, delivery: InboundDelivery): Promise<{ runIds: string[] }> {
    const hook = await this.hooks.findOneBy({ id: hookId });
    if (!hook) throw notFound('Hook');
    const { automation, nodes } = await this.triggers.liveIn(hook.automationId, 'webhook-in');
    if (!nodes.length) throw new AutomationsError('NO_SUCH_TRIGGER', 'The automation has no webhook trigger');
    const secret = this.secrets.open(hook.secretSealed);
    const body = parseBody(delivery.rawBody);
    const runIds: string[] = [];
    let deliveryId: string | null = null;
    for (const node of nodes) {
      const preset = (node.config.preset as WebhookPreset | undefined) ?? 'generic';
      const verified = this.verify(preset, secret, delivery);
      deliveryId ??= verified.deliveryId;
      if (runIds.length === 0) await this.refuseReplay(hook.id, deliveryId);
      const run = await this.triggers.startRun(automation, node.id, mapDelivery(preset, body));
      runIds.push(run.id);
    }
    return { runIds };
  }

  private verify(preset: WebhookPreset, secret: string, delivery: InboundDelivery) {
    try {
      return verifySignature(preset, secret, delivery);
    } catch (error) {
      if (error instanceof WebhookRejected) throw new AutomationsError('HOOK_REJECTED', error.message);
      throw error;
    }
  }

  /** The delivery id is written once (its primary key): a second write of it is a replay. */
  private async refuseReplay(hookId: string, deliveryId: string): Promise<void> {
    try {
      await this.deliveries.insert({ hookId, deliveryId });
    } catch (error) {
      if (await this.deliveries.existsBy({ hookId, deliveryId })) {
        throw new AutomationsError('HOOK_REPLAYED', `delivery ${deliveryId} was already accepted`);
      }
      throw error;
    }
  }
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
