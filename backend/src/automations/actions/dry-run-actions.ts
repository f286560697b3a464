import { Inject, Injectable } from '@nestjs/common';
import type { NodeType } from '@socialorchestrator/rule-nodes';
import { AccountsService } from '../../accounts/accounts.service';
import { PrivateUrlError, publicUrl } from '../../common/public-url';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AutomationsError } from '../automations.errors';
import { list, text, type ActionContext, type ActionHandler, type ActionResult } from './action-context';
import { ActionHandlers } from './action-handlers';
import { CollectActions } from './collect-actions';
import { draftSources } from './draft-sources';
import { RotationActions } from './rotation-actions';
import { CaptionActions } from './caption-actions';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a simulated action would have done, kept in its step's output under `simulated`. */
type Simulated = Record<string, unknown> & { action: NodeType };

/**
 * The actions of a test (a dry run of the draft). Whatever touches the outside — posts created,
 * scheduled or published, approvals asked, emails, webhooks, notifications — is only described:
 * the step's output says what would have been done (`simulated`), with the same checks a real run
 * makes, so a test fails where the real run would. Waits do not wait (an approval is taken as
 * approved, a delay as over) so a test finishes at once. Reads with no side effect (metric-check,
 * top-post) run for real; the AI caption runs on the offline writer, since the workspace's AI
 * endpoint costs money and sends the text out.
 */
@Injectable()
export class DryRunActions {
  private readonly simulators: Partial<Record<NodeType, ActionHandler>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly captions: CaptionActions,
    private readonly real: ActionHandlers,
    private readonly rotations: RotationActions,
    private readonly lists: CollectActions,
  ) {
    this.simulators = {
      'create-draft': (c) => this.createDraft(c),
      'add-labels': async (c) => done(c, { action: 'add-labels', postId: postIdOf(c), labels: list(c.config.labels) }),
      'schedule-post': async (c) => done(c, { action: 'schedule-post', postId: postIdOf(c), schedule: scheduleOf(c) }),
      'publish-now': async (c) => done(c, { action: 'publish-now', postId: postIdOf(c) }),
      'request-approval': async (c) => this.requestApproval(c),
      delay: async (c) => done(c, { action: 'delay', wouldWait: delayOf(c) }),
      notify: async (c) => this.notify(c),
      'send-email': async (c) => this.sendEmail(c),
      'send-webhook': (c) => this.sendWebhook(c),
      'ai-caption': (c) => this.captions.aiCaption(c, { offline: true }),
      // The next value, the position kept: a test takes no turn from the real runs.
      rotate: (c) => this.rotations.peek(c),
      // A test neither adds to a collected list nor empties it.
      collect: async (c) => done(c, { action: 'collect', item: text(c.config.item) }),
      'take-collected': (c) => this.lists.peek(c),
    };
  }

  /** The simulator of a node type; a read with no side effect is its real handler. */
  for(type: string): ActionHandler | undefined {
    return this.simulators[type as NodeType] ?? (SIDE_EFFECT_FREE.has(type) ? this.real.for(type) : undefined);
  }

  private async createDraft(c: ActionContext): Promise<ActionResult> {
    // The same choice and checks as a real draft; media URLs are named, not downloaded.
    const { accounts, link, mediaIds, mediaUrls } = draftSources(c, await this.accounts.live(c.workspaceId));
    const post = {
      text: text(c.config.text),
      labels: list(c.config.labels),
      accounts: accounts.map((a) => ({ id: a.id, network: a.network, name: a.name })),
      ...(link && { link }),
      ...(mediaIds.length && { mediaIds }),
      ...(mediaUrls.length && { mediaUrls }),
    };
    // A later step ({{postId}}) gets a stand-in that names no real post.
    return done(c, { action: 'create-draft', post }, { postId: `dry-run:${c.nodeId}` });
  }

  private requestApproval(c: ActionContext): ActionResult {
    const simulated = { action: 'request-approval' as const, postId: postIdOf(c), message: text(c.config.message) };
    return { ...done(c, simulated, { decision: 'approved' }), port: 'approved' };
  }

  private notify(c: ActionContext): ActionResult {
    const roles = list(c.config.roles).length ? list(c.config.roles) : ['owner', 'admin'];
    const message = text(c.config.message);
    return done(c, {
      action: 'notify',
      roles,
      title: `${c.automation.name}: ${message.split('\n')[0]}`,
      body: message,
    });
  }

  private sendEmail(c: ActionContext): ActionResult {
    const to = text(c.config.to)
      .split(/[,;\s]+/)
      .filter(Boolean);
    const bad = to.filter((address) => !EMAIL.test(address));
    if (!to.length || bad.length)
      throw new AutomationsError(
        'ACTION_REFUSED',
        `to: ${bad.length ? `"${bad.join(', ')}" is not an email address` : 'no address'}`,
      );
    const email = { to, subject: text(c.config.subject), text: text(c.config.body) };
    return done(c, { action: 'send-email', email }, { emailedTo: to });
  }

  private async sendWebhook(c: ActionContext): Promise<ActionResult> {
    const url = text(c.config.url);
    try {
      // The address is checked as a real send would (a name lookup only): nothing is sent to it.
      await publicUrl(url, { allowPrivate: this.config.allowPrivateUrls });
    } catch (error) {
      if (error instanceof PrivateUrlError) throw new AutomationsError('ACTION_REFUSED', `url: ${error.message}`);
      throw error;
    }
    return done(c, { action: 'send-webhook', url, method: 'POST', body: c.payload });
  }
}

/** Node types whose real handler only reads, so a test runs them for real. */
const SIDE_EFFECT_FREE = new Set<string>(['metric-check', 'top-post', 'day-check']);

function done(c: ActionContext, simulated: Simulated, adds: Record<string, unknown> = {}): ActionResult {
  return { payload: { ...c.payload, ...adds, simulated } };
}

function postIdOf(c: ActionContext): string {
  const id = text(c.config.postId).trim();
  if (!id)
    throw new AutomationsError('ACTION_REFUSED', 'postId: no post to act on (is {{postId}} set by an earlier step?)');
  return id;
}

function scheduleOf(c: ActionContext): Record<string, unknown> {
  return c.config.when === 'at' ? { type: 'single', at: text(c.config.at) } : { type: 'queue' };
}

function delayOf(c: ActionContext): Record<string, unknown> {
  return c.config.mode === 'until' ? { until: text(c.config.until) } : { minutes: Number(c.config.minutes ?? 0) };
}
