import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { SocialAccount } from '../accounts/social-account.entity';
import type { NetworkId, PostType } from '../connectors/network-limits';
import type { PublishJobStatus } from '../publishing/publish-job.entity';
import { Label } from './label.entity';
import { PostLabel } from './post-label.entity';
import type { VariantState } from './post-variant.entity';

/** The calendar's filters that choose which posts show (the range is applied by each read). */
export interface CalendarScopeFilters {
  account?: string;
  network?: NetworkId;
  label?: string;
  author?: string;
  state?: string;
  type?: string;
}

/** An attempt's status as the calendar names the state (a job being sent is a post publishing). */
const STATE_OF_STATUS: Partial<Record<PublishJobStatus, string>> = { sending: 'publishing' };

/**
 * The calendar's filters resolved once in the workspace, applied as conditions in each of its
 * indexed reads (variant alias `v`, post alias `p`). Ids and names of another workspace resolve
 * to nothing here, so they narrow to an empty calendar rather than reach another tenant's rows.
 */
export class CalendarScope {
  constructor(
    private readonly filters: CalendarScopeFilters,
    /** Null: every account of the workspace. */
    private readonly accountIds: string[] | null,
    private readonly labelId: string | null,
  ) {}

  /** No filter picks some of an account's posts: each account's day is counted whole (quota warnings). */
  get wholeDays(): boolean {
    const { label, author, state, type } = this.filters;
    return !label && !author && !state && !type;
  }

  /** Whether `narrow` reads the post (alias `p`): a read that needs nothing else of it joins it only then. */
  get readsPost(): boolean {
    return !!this.filters.author;
  }

  /** The variant states a read of variants asks for, of those it reads. */
  variantStates<S extends VariantState>(states: S[]): S[] {
    return this.filters.state ? states.filter((s) => s === this.filters.state) : states;
  }

  /** The attempt statuses a read of attempts asks for, of those it reads. */
  attemptStatuses(statuses: PublishJobStatus[]): PublishJobStatus[] {
    const { state } = this.filters;
    return state ? statuses.filter((s) => (STATE_OF_STATUS[s] ?? s) === state) : statuses;
  }

  /** Adds the account, type, author and label conditions to a read of variants joined to their post. */
  narrow<E extends object>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
    if (this.accountIds) qb.andWhere('v.accountId IN (:...scopeAccounts)', { scopeAccounts: this.accountIds });
    if (this.filters.type) qb.andWhere('v.postType = :scopeType', { scopeType: this.filters.type as PostType });
    if (this.filters.author) qb.andWhere('p.authorId = :scopeAuthor', { scopeAuthor: this.filters.author });
    if (this.labelId) {
      // The join table's primary key (postId, labelId) answers this per row.
      const labelled = qb
        .subQuery()
        .select('1')
        .from(PostLabel, 'pl')
        .where('pl.postId = v.postId')
        .andWhere('pl.labelId = :scopeLabel', { scopeLabel: this.labelId });
      qb.andWhere(`EXISTS ${labelled.getQuery()}`, labelled.getParameters());
    }
    return qb;
  }
}

/**
 * The filters resolved in the workspace: its accounts matching account and network, its label of
 * that name. Null when nothing can match (an unknown account or label, a network it has no account on).
 */
export async function scopeOf(
  em: EntityManager,
  workspaceId: string,
  filters: CalendarScopeFilters,
  accounts: Map<string, SocialAccount>,
): Promise<CalendarScope | null> {
  let accountIds: string[] | null = null;
  if (filters.account || filters.network) {
    accountIds = [...accounts.values()]
      .filter(
        (a) => (!filters.account || a.id === filters.account) && (!filters.network || a.network === filters.network),
      )
      .map((a) => a.id);
    if (!accountIds.length) return null;
  }
  let labelId: string | null = null;
  if (filters.label) {
    const label = await em.findOne(Label, { select: { id: true }, where: { workspaceId, name: filters.label } });
    if (!label) return null;
    labelId = label.id;
  }
  return new CalendarScope(filters, accountIds, labelId);
}
