import type { NetworkId } from '../../connectors/network-limits';
import type { Params } from './sql';
import type { ReadRange } from './date-range';

/** What a read covers: one workspace, a day range and the shared filters. */
export interface ReadScope {
  workspaceId: string;
  range: ReadRange;
  accounts?: string[];
  networks?: NetworkId[];
  labels?: string[];
}

/** The SQL that lists the post ids carrying any of `:labels` (the posts context owns labels). */
export type LabelledPostsSql = (param: string) => string;

export interface Where {
  sql: string;
  params: Params;
}

/**
 * WHERE conditions for the accounts and networks filters on a table aliased `alias` that has
 * "accountId" and "network" columns (always after "workspaceId" = :workspaceId).
 */
export function accountFilters(alias: string, scope: ReadScope): Where {
  const parts = [`${alias}."workspaceId" = :workspaceId`];
  const params: Params = { workspaceId: scope.workspaceId };
  if (scope.accounts?.length) {
    parts.push(`${alias}."accountId" IN (:...accounts)`);
    params.accounts = scope.accounts;
  }
  if (scope.networks?.length) {
    parts.push(`${alias}.network IN (:...networks)`);
    params.networks = scope.networks;
  }
  return { sql: parts.join(' AND '), params };
}

/** `accountFilters` plus the labels filter, on analytics_posts aliased `alias`. */
export function postFilters(alias: string, scope: ReadScope, labelled: LabelledPostsSql): Where {
  const base = accountFilters(alias, scope);
  if (!scope.labels?.length) return base;
  return {
    sql: `${base.sql} AND ${alias}."postId" IN (${labelled('labels')})`,
    params: { ...base.params, labels: scope.labels },
  };
}

/** The metric columns whose daily gains the account and post rollups hold. */
export const GAIN_METRICS = [
  'impressions',
  'reach',
  'clicks',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
  'engagement',
] as const;
export type GainMetric = (typeof GAIN_METRICS)[number];

/** Every metric a post may have, in the order tables show them. */
export const POST_METRICS = [...GAIN_METRICS.filter((m) => m !== 'engagement'), 'engagement'] as const;
