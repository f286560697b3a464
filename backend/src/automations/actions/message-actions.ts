import { Injectable } from '@nestjs/common';
import { PrivateUrlError } from '../../common/public-url';
import { MailService } from '../../mail/mail.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { RolesService } from '../../workspaces/roles.service';
import { AutomationsError } from '../automations.errors';
import { list, text, type ActionContext, type ActionResult } from './action-context';
import { OutboundWebhooks } from './outbound-webhooks';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Actions that tell people and systems: the team in the app (and by email), an email address, a webhook. */
@Injectable()
export class MessageActions {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly mail: MailService,
    private readonly webhooks: OutboundWebhooks,
    private readonly roles: RolesService,
  ) {}

  async sendWebhook(c: ActionContext): Promise<ActionResult> {
    try {
      const deliveryId = await this.webhooks.send(c.workspaceId, text(c.config.url), c.payload);
      return { payload: { ...c.payload, webhookDeliveryId: deliveryId } };
    } catch (error) {
      if (error instanceof PrivateUrlError) throw new AutomationsError('ACTION_REFUSED', `url: ${error.message}`);
      throw error;
    }
  }

  async notify(c: ActionContext): Promise<ActionResult> {
    const message = text(c.config.message);
    const roles = list(c.config.roles).length ? list(c.config.roles) : ['owner', 'admin'];
    // A role that is not (or no longer) in the workspace would quietly tell nobody: say so instead.
    const unknown = [];
    for (const role of roles) if (!(await this.roles.find(c.workspaceId, role))) unknown.push(role);
    if (unknown.length) {
      throw new AutomationsError(
        'ACTION_REFUSED',
        `roles: ${unknown.map((r) => `"${r}"`).join(', ')} ${unknown.length === 1 ? 'is not a role' : 'are not roles'} of this workspace`,
      );
    }
    const told = await this.notifications.notify(c.workspaceId, {
      roles,
      title: `${c.automation.name}: ${message.split('\n')[0].slice(0, 120)}`,
      body: message,
      link: typeof c.payload.postId === 'string' ? `/w/${c.workspaceId}/posts/${c.payload.postId}` : null,
      email: c.config.email === true,
    });
    return { payload: { ...c.payload, notified: told } };
  }

  async sendEmail(c: ActionContext): Promise<ActionResult> {
    const to = text(c.config.to)
      .split(/[,;\s]+/)
      .filter(Boolean);
    const bad = to.filter((address) => !EMAIL.test(address));
    if (!to.length || bad.length) {
      throw new AutomationsError(
        'ACTION_REFUSED',
        `to: ${bad.length ? `"${bad.join(', ')}" is not an email address` : 'no address'}`,
      );
    }
    for (const address of to) {
      await this.mail.enqueue({
        to: address,
        subject: text(c.config.subject),
        text: text(c.config.body),
        workspaceId: c.workspaceId,
      });
    }
    return { payload: { ...c.payload, emailedTo: to } };
  }
}
