import { ConnectorFailure } from '../connector';
import { requireString, valueAt } from '../oauth2/network-http';
import { jsonOf, listOf, WordPressApi } from './wordpress.api';
import { plainText } from './wordpress.content';
import { WORDPRESS_LABEL, WordPressSite } from './wordpress.site';

export type Taxonomy = 'categories' | 'tags';

/**
 * The ids of categories or tags by name, as the site has them (matched without regard to case, as
 * WordPress matches term names); a name the site lacks is created. Creating needs the
 * manage_categories capability (Editors and Administrators): for an Author, WordPress refuses.
 */
export async function termIds(api: WordPressApi, site: WordPressSite, taxonomy: Taxonomy, names: string[]) {
  const ids: number[] = [];
  for (const name of names)
    ids.push((await findTerm(api, site, taxonomy, name)) ?? (await createTerm(api, site, taxonomy, name)));
  return [...new Set(ids)];
}

async function findTerm(api: WordPressApi, site: WordPressSite, taxonomy: Taxonomy, name: string) {
  const body = await api.json(site, {
    method: 'GET',
    route: `/wp/v2/${taxonomy}`,
    query: { search: name, per_page: 100, _fields: 'id,name' },
  });
  const wanted = name.toLowerCase();
  const match = listOf(body).find((term) => plainText(String(valueAt(term, 'name') ?? '')).toLowerCase() === wanted);
  return match ? Number(requireString(match, 'id', WORDPRESS_LABEL)) : null;
}

async function createTerm(api: WordPressApi, site: WordPressSite, taxonomy: Taxonomy, name: string) {
  const reply = await api.send(site, { method: 'POST', route: `/wp/v2/${taxonomy}`, json: { name }, alsoOk: [400] });
  const body = jsonOf(reply);
  if (reply.status === 400) {
    // Created meanwhile (or a name search could not find it): WordPress names the existing term.
    const existing = valueAt(body, 'data.term_id');
    if (valueAt(body, 'code') === 'term_exists' && typeof existing === 'number') return existing;
    throw new ConnectorFailure({
      kind: 'bad-request',
      reason: `WordPress refused the ${taxonomy === 'tags' ? 'tag' : 'category'} "${name}": ${String(valueAt(body, 'message') ?? 'no reason given')}`,
    });
  }
  return Number(requireString(body, 'id', WORDPRESS_LABEL));
}
