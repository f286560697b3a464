import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorFailure, PublishMedia } from '../connector';
import { readId, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphParams } from '../meta-graph/graph-client';

export interface ContainerPolling {
  intervalMs: number;
  /** Checks before giving up; the publisher then retries the whole post later. */
  maxChecks: number;
}

/** Meta suggests waiting about 30 s; videos take longer. Five minutes at most per container. */
export const DEFAULT_CONTAINER_POLLING: ContainerPolling = { intervalMs: 10_000, maxChecks: 30 };

/** POST /{user-id}/threads: Threads fetches the media from its URL while we wait. */
export const createContainer = (graph: GraphClient, userId: string, token: string, params: GraphParams) =>
  graph.post(`/${userId}/threads`, token, params, readId);

/** An image or video as one container's fields. */
export function mediaParams(media: PublishMedia): GraphParams {
  return media.kind === 'video'
    ? { media_type: 'VIDEO', video_url: media.url }
    : { media_type: 'IMAGE', image_url: media.url };
}

const readStatus = (body: unknown) => {
  const status = stringField(body, 'status');
  return status ? { status, detail: stringField(body, 'error_message') ?? '' } : undefined;
};

/** Checks a container until FINISHED; ERROR is the media's fault, EXPIRED (24 h unpublished) is retried afresh. */
export async function waitUntilFinished(
  graph: GraphClient,
  token: string,
  containerId: string,
  polling: ContainerPolling,
): Promise<void> {
  for (let check = 1; check <= polling.maxChecks; check++) {
    const { status, detail } = await graph.get(
      `/${containerId}`,
      token,
      { fields: 'status,error_message' },
      readStatus,
    );
    if (status === 'FINISHED' || status === 'PUBLISHED') return;
    if (status === 'ERROR')
      throw new ConnectorFailure({ kind: 'bad-request', reason: `Threads could not process the media: ${detail}` });
    if (status !== 'IN_PROGRESS')
      throw new ConnectorFailure({
        kind: 'retry',
        afterMs: null,
        reason: `Threads container ${containerId} is ${status}`,
      });
    if (check < polling.maxChecks) await sleep(polling.intervalMs);
  }
  throw new ConnectorFailure({
    kind: 'retry',
    afterMs: null,
    reason: `Threads container ${containerId} still IN_PROGRESS after ${polling.maxChecks} checks`,
  });
}
