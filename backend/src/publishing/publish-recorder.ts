import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import { postStateOf } from '../posts/post-state';
import { PostVariant, VariantState } from '../posts/post-variant.entity';
import { Post } from '../posts/post.entity';
import type { AttemptContext } from './publisher';
import { PublishOutcome } from './publish-outcome';
import { PublishAttempt, PublishJob } from './publish-job.entity';
import { PublishNotifier } from './publish-notifier';
import { inTransaction } from '../database/transactions';

const truncate = (text: string, max = 2000) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Writes an attempt's outcome. Every write to the job is fenced by the claim token: a worker
 * whose lease was taken over (it stalled, the reconciler stepped in) cannot overwrite the result.
 */
@Injectable()
export class PublishRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: PublishNotifier,
  ) {}

  async record(
    job: PublishJob,
    context: AttemptContext | null,
    outcome: PublishOutcome,
    durationMs = 0,
  ): Promise<void> {
    const attempt: PublishAttempt = {
      at: new Date().toISOString(),
      durationMs,
      outcome: this.attemptOutcome(outcome),
      message: 'reason' in outcome ? truncate(outcome.reason, 500) : null,
    };
    const applied = await inTransaction(this.dataSource, async (em) => {
      const fenced = await em.update(
        PublishJob,
        { id: job.id, claimToken: job.claimToken ?? undefined, status: 'sending' },
        this.jobColumns(job, outcome, attempt),
      );
      if (!fenced.affected || !context) return false;
      await this.applyToVariant(em, context, outcome);
      return true;
    });
    if (!applied || !context) return;
    if (outcome.kind === 'published') await this.notifier.published(job, outcome.post.externalId);
    if (outcome.kind === 'failed') await this.notifier.failed(job, outcome.code, outcome.reason);
    // applyToVariant marked a working account for reconnecting: announced once, for this job.
    if (outcome.kind === 'failed' && outcome.code === 'REAUTH_REQUIRED' && context.account.status === 'active') {
      await this.notifier.accountNeedsReconnect(job, outcome.reason);
    }
    if (outcome.kind === 'needs_review') await this.notifier.needsReview(job, context.account.name, outcome.reason);
  }

  /** Hands a job to the reconciler at once (its lease ends now). */
  async expireLease(job: PublishJob): Promise<void> {
    await this.dataSource.manager.update(
      PublishJob,
      { id: job.id, claimToken: job.claimToken ?? undefined },
      { leaseUntil: new Date() },
    );
  }

  /** Evergreen: skip when the same text went out on the account within the configured days. */
  async evergreenSkipReason(context: AttemptContext): Promise<string | null> {
    const days = context.schedule?.evergreen?.skipIfPublishedWithinDays;
    if (!days || context.job.occurrenceAt.getTime() === context.schedule?.startAt?.getTime()) return null;
    const text = context.variant.text ?? context.post.text;
    const recent = await this.dataSource.manager
      .createQueryBuilder(PostVariant, 'v')
      .innerJoin(Post, 'p', 'p.id = v.postId')
      .where('v.accountId = :account', { account: context.account.id })
      .andWhere('v.publishedAt > :since', { since: new Date(Date.now() - days * 86_400_000) })
      .andWhere('COALESCE(v.text, p.text) = :text', { text })
      .getCount();
    return recent ? `skipped: the same text went out on ${context.account.name} within ${days} days` : null;
  }

  private jobColumns(job: PublishJob, outcome: PublishOutcome, attempt: PublishAttempt): Partial<PublishJob> {
    const history = [...job.history, attempt];
    const released = { claimToken: null, leaseUntil: null, history };
    switch (outcome.kind) {
      case 'published':
        return {
          ...released,
          status: 'published',
          externalId: outcome.post.externalId,
          publishedAt: new Date(),
          errorCode: null,
          errorMessage: null,
        };
      case 'retry':
        return {
          ...released,
          status: 'queued',
          dueAt: new Date(Date.now() + outcome.afterMs),
          errorCode: 'RETRYING',
          errorMessage: truncate(outcome.reason),
        };
      case 'failed':
        return { ...released, status: 'failed', errorCode: outcome.code, errorMessage: truncate(outcome.reason) };
      case 'needs_review':
        return {
          ...released,
          status: 'needs_review',
          errorCode: 'NEEDS_REVIEW',
          errorMessage: truncate(outcome.reason),
        };
      case 'cancelled':
        return { ...released, status: 'cancelled', errorCode: 'CANCELLED', errorMessage: truncate(outcome.reason) };
    }
  }

  private async applyToVariant(em: EntityManager, context: AttemptContext, outcome: PublishOutcome): Promise<void> {
    const { variant, account } = context;
    if (outcome.kind === 'retry') {
      await em.update(PostVariant, variant.id, { lastError: `retrying: ${truncate(outcome.reason, 500)}` });
      return;
    }
    // A repeating variant already waits for its next occurrence; only a finished one changes state.
    const finished = variant.state === 'publishing';
    const next = finished ? this.finalState(variant, outcome) : variant.state;
    const columns: Partial<PostVariant> = {
      state: next,
      lastError: 'reason' in outcome ? truncate(outcome.reason) : null,
    };
    if (outcome.kind === 'published') {
      Object.assign(columns, {
        publishedAt: new Date(),
        externalId: outcome.post.externalId,
        externalUrl: outcome.post.url,
      });
    }
    await em.update(PostVariant, variant.id, columns);
    if (outcome.kind === 'failed' && outcome.code === 'REAUTH_REQUIRED' && account.status === 'active') {
      await em.update(SocialAccount, account.id, { status: 'reauth_required', lastError: truncate(outcome.reason) });
    }
    if (outcome.kind === 'failed' && outcome.code === 'ACCOUNT_DISCONNECTED') {
      await em.update(SocialAccount, account.id, { status: 'disabled', lastError: truncate(outcome.reason) });
    }
    await this.refreshPostState(em, context, next);
  }

  private finalState(variant: PostVariant, outcome: Exclude<PublishOutcome, { kind: 'retry' }>): VariantState {
    switch (outcome.kind) {
      case 'published':
        return 'published';
      case 'failed':
        return 'failed';
      case 'needs_review':
        return 'needs_review';
      case 'cancelled':
        return variant.publishedAt ? 'published' : 'draft';
    }
  }

  /** A post follows its variants; with one variant there is nothing to read back. */
  private async refreshPostState(
    em: EntityManager,
    context: AttemptContext,
    variantState: VariantState,
  ): Promise<void> {
    const { post } = context;
    const states =
      context.variantCount === 1
        ? [variantState]
        : (await em.find(PostVariant, { select: { id: true, state: true }, where: { postId: post.id } })).map(
            (v) => v.state,
          );
    const state = postStateOf(states, post.state);
    await em.update(Post, { id: post.id, state: Not(state) }, { state });
  }

  private attemptOutcome(outcome: PublishOutcome): PublishAttempt['outcome'] {
    if (outcome.kind === 'published') return outcome.reconciled ? 'reconciled' : 'published';
    if (outcome.kind === 'failed') return outcome.code === 'REAUTH_REQUIRED' ? 'reauth' : 'failed';
    if (outcome.kind === 'cancelled') return 'skipped';
    return outcome.kind;
  }
}
