import { setTimeout as sleep } from 'node:timers/promises';
import { AccountCredentials, ConnectorFailure, PublishMedia } from '../connector';
import { readId, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphParams } from '../meta-graph/graph-client';

export interface ContainerPolling {
  /** Pause between status checks; Meta suggests about once a minute for long videos. */
  intervalMs: number;
  /** Checks before giving up; the publisher then retries the whole post later. */
  maxChecks: number;
}

/** Creates a media container: Instagram fetches the media from its URL while we wait. */
export const createContainer = (graph: GraphClient, account: AccountCredentials, params: GraphParams) =>
  graph.post(`/${account.externalAccountId}/media`, account.accessToken, params, readId);

/** What a carousel child or a single item is made of, by kind of media. */
export function mediaParams(media: PublishMedia): GraphParams {
  return media.kind === 'video' ? { media_type: 'VIDEO', video_url: media.url } : { image_url: media.url };
}

const readStatus = (body: unknown) => {
  const code = stringField(body, 'status_code');
  return code ? { code, detail: stringField(body, 'status') ?? '' } : undefined;
};

/** Checks the container until it is FINISHED; a container never published within 24 h EXPIRES. */
export async function waitUntilFinished(
  graph: GraphClient,
  accessToken: string,
  containerId: string,
  polling: ContainerPolling,
): Promise<void> {
  for (let check = 1; check <= polling.maxChecks; check++) {
    const status = await graph.get(`/${containerId}`, accessToken, { fields: 'status_code,status' }, readStatus);
    if (status.code === 'FINISHED') return;
    if (status.code === 'ERROR')
      throw new ConnectorFailure({
        kind: 'bad-request',
        reason: `Instagram could not process the media: ${status.detail}`,
      });
    if (status.code !== 'IN_PROGRESS')
      throw new ConnectorFailure({
        kind: 'retry',
        afterMs: null,
        reason: `Instagram container ${containerId} is ${status.code}`,
      });
    if (check < polling.maxChecks) await sleep(polling.intervalMs);
  }
  throw new ConnectorFailure({
    kind: 'retry',
    afterMs: null,
    reason: `Instagram container ${containerId} still IN_PROGRESS after ${polling.maxChecks} checks`,
  });
}
