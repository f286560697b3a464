import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Job } from 'agenda';
import { fetchPublic, publicUrl } from '../../common/public-url';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { signDelivery } from '../inbound/signatures';

export const SEND_WEBHOOK_JOB = 'automations.send-webhook';

/** Waits before each retry: 30 s, 2 min, 10 min, 30 min, 2 h — then the delivery is given up. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];

interface Delivery {
  workspaceId: string;
  deliveryId: string;
  url: string;
  body: string;
  attempt: number;
  lastError?: string;
}

/**
 * The send-webhook node's deliveries: JSON POSTed as a background job, signed like our inbound
 * hooks (`X-Timestamp: <unix seconds>`, `X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`)
 * with the workspace's signing secret, so a receiver can refuse a stale or replayed delivery; each
 * attempt is signed anew, with the same `X-Delivery-Id`. Retried with backoff on network errors,
 * 429 and 5xx.
 */
@Injectable()
export class OutboundWebhooks implements OnModuleInit {
  private readonly logger = new Logger('OutboundWebhooks');
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: BackgroundJobs,
  ) {
    this.key = createHmac('sha256', config.jwtSecret).update('socialorchestrator/outbound-webhooks').digest();
  }

  onModuleInit(): void {
    this.jobs.define<Delivery>(SEND_WEBHOOK_JOB, (job) => this.deliver(job));
  }

  /** The secret receivers verify our signature with; derived, so there is nothing to store or leak in SQL. */
  signingSecret(workspaceId: string): string {
    return createHmac('sha256', this.key).update(workspaceId).digest('base64url');
  }

  async send(workspaceId: string, url: string, payload: Record<string, unknown>): Promise<string> {
    await publicUrl(url, { allowPrivate: this.config.allowPrivateUrls });
    const deliveryId = randomUUID();
    await this.jobs.enqueue<Delivery>(SEND_WEBHOOK_JOB, {
      workspaceId,
      deliveryId,
      url,
      body: JSON.stringify(payload),
      attempt: 1,
    });
    return deliveryId;
  }

  private async deliver(job: Job<Delivery>): Promise<void> {
    const d = job.attrs.data;
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome = await fetchPublic(
      d.url,
      {
        method: 'POST',
        signal: AbortSignal.timeout(15_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'SocialOrchestrator-Webhooks/1',
          'x-timestamp': String(timestamp),
          'x-signature': signDelivery(this.signingSecret(d.workspaceId), timestamp, d.body),
          'x-delivery-id': d.deliveryId,
        },
        body: d.body,
      },
      { allowPrivate: this.config.allowPrivateUrls },
    ).then(
      (res) =>
        res.ok
          ? 'delivered'
          : res.status === 429 || res.status >= 500
            ? `HTTP ${res.status}`
            : `refused: HTTP ${res.status}`,
      (error: Error) => error.message,
    );
    if (outcome === 'delivered' || outcome.startsWith('refused')) {
      if (outcome !== 'delivered') this.logger.warn(`webhook ${d.deliveryId} to ${d.url} ${outcome}; not retried`);
      return;
    }
    const delay = RETRY_DELAYS_MS[d.attempt - 1];
    if (delay === undefined) {
      this.logger.warn(`webhook ${d.deliveryId} to ${d.url} given up after ${d.attempt} attempts: ${outcome}`);
      return;
    }
    await this.jobs.enqueueAt<Delivery>(
      SEND_WEBHOOK_JOB,
      { ...d, attempt: d.attempt + 1, lastError: outcome },
      new Date(Date.now() + delay),
    );
  }
}
