import { Injectable } from '@nestjs/common';
import type { NodeType } from '@socialorchestrator/rule-nodes';
import type { ActionHandler } from './action-context';
import { AnalyticsActions } from './analytics-actions';
import { CaptionActions } from './caption-actions';
import { CollectActions } from './collect-actions';
import { DayCheckActions } from './day-check-actions';
import { MessageActions } from './message-actions';
import { PostActions } from './post-actions';
import { RotationActions } from './rotation-actions';
import { WaitingActions } from './waiting-actions';

/** Which service does the work of each backend-backed node type. */
@Injectable()
export class ActionHandlers {
  private readonly handlers: Partial<Record<NodeType, ActionHandler>>;

  constructor(
    posts: PostActions,
    waiting: WaitingActions,
    messages: MessageActions,
    captions: CaptionActions,
    analytics: AnalyticsActions,
    rotations: RotationActions,
    days: DayCheckActions,
    lists: CollectActions,
  ) {
    this.handlers = {
      'create-draft': (c) => posts.createDraft(c),
      'add-labels': (c) => posts.addLabels(c),
      'schedule-post': (c) => posts.schedulePost(c),
      'publish-now': (c) => posts.publishNow(c),
      'request-approval': (c) => waiting.requestApproval(c),
      delay: (c) => waiting.delay(c),
      notify: (c) => messages.notify(c),
      'send-email': (c) => messages.sendEmail(c),
      'send-webhook': (c) => messages.sendWebhook(c),
      'ai-caption': (c) => captions.aiCaption(c),
      'metric-check': (c) => analytics.metricCheck(c),
      'top-post': (c) => analytics.topPost(c),
      rotate: (c) => rotations.rotate(c),
      'day-check': (c) => days.dayCheck(c),
      collect: (c) => lists.collect(c),
      'take-collected': (c) => lists.take(c),
    };
  }

  for(type: string): ActionHandler | undefined {
    return this.handlers[type as NodeType];
  }
}
