import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';

/** What the call was doing: a refusal to write the post itself means the connected user cannot write. */
export type WordPressCallKind = 'post' | 'other';

/**
 * WordPress answers refusals as `{code, message, data: {status, params}}`
 * (developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/#_envelope):
 * 401 — the application password was refused or revoked: reconnect.
 * 403 rest_cannot_create on the post — the user may not write posts at all: reconnect as another user;
 * 403 rest_cannot_publish and other rest_cannot_* — the site refuses this post (role, term, upload):
 * fix the post (choose Draft) or the user's role, a retry would not help.
 * 404 rest_no_route — the site's REST API is gone (turned off by a plugin, site moved): disconnect.
 * rest_upload_* (some are 500s) and 413 — the file is refused: a bad request, never retried.
 * 429, 503 and other 5xx — retried, after Retry-After when the site sends one.
 */
export function classifyWordPressFailure(kind: WordPressCallKind) {
  return (response: FailedResponse, now: Date): FailureClass => {
    const code = stringAt(response.body, 'code');
    const detail = refusalDetail(response.body);
    const said = (reason: string) => `WordPress ${reason}${detail ? `: ${detail}` : ''}`;
    if (response.status === 401) return { kind: 'reauth', reason: said('refused the application password') };
    if (response.status === 403 && code === 'rest_cannot_create' && kind === 'post')
      return { kind: 'reauth', reason: said('does not let the connected user write posts') };
    if (response.status === 403 && code?.startsWith('rest_cannot_'))
      return { kind: 'bad-request', reason: said(`refused this post (${code})`) };
    if (response.status === 404 && code === 'rest_no_route')
      return { kind: 'disconnect', reason: said('no longer answers on its REST API') };
    if (code?.startsWith('rest_upload_') || response.status === 413)
      return { kind: 'bad-request', reason: said('refused the image') };
    const generic = classifyHttpFailure(response, now);
    return { ...generic, reason: said(generic.reason) };
  };
}

/** WordPress's message plus the per-parameter reasons of a rest_invalid_param. */
function refusalDetail(body: unknown): string {
  const message = stringAt(body, 'message') ?? '';
  const params = valueAt(body, 'data.params');
  const reasons =
    params && typeof params === 'object'
      ? Object.entries(params as Record<string, unknown>).map(([name, why]) => `${name}: ${String(why)}`)
      : [];
  return [message, ...reasons].filter(Boolean).join('; ');
}

function stringAt(body: unknown, path: string): string | undefined {
  const value = valueAt(body, path);
  return typeof value === 'string' ? value : undefined;
}
