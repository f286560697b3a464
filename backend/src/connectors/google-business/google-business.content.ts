import { ConnectorFailure, PublishRequest } from '../connector';
import type { EventOptions, LocalPostOptions } from './google-business.options';

const TOPIC_TYPES = { update: 'STANDARD', event: 'EVENT', offer: 'OFFER' } as const;

/**
 * The body of POST …/localPosts (Business Profile API v4). The post's link becomes the button's
 * URL (LEARN_MORE when no button is chosen) or, on an offer, its redeem URL.
 */
export function localPostBody(request: PublishRequest, options: LocalPostOptions): Record<string, unknown> {
  const [photo] = request.media;
  return {
    topicType: TOPIC_TYPES[options.topic],
    ...(request.text && { summary: request.text }),
    ...(options.event && { event: eventBody(options.event) }),
    ...(options.offer && { offer: offerBody(options, request.link) }),
    ...callToAction(options, request.link),
    ...(photo && { media: [{ mediaFormat: 'PHOTO', sourceUrl: photo.url }] }),
  };
}

function eventBody(event: EventOptions): Record<string, unknown> {
  return {
    title: event.title,
    schedule: {
      startDate: dateOf(event.startDate),
      endDate: dateOf(event.endDate),
      ...(event.startTime && { startTime: timeOf(event.startTime) }),
      ...(event.endTime && { endTime: timeOf(event.endTime) }),
    },
  };
}

function offerBody(options: LocalPostOptions, link: string | null): Record<string, unknown> {
  const offer = options.offer ?? {};
  const redeemUrl = offer.redeemUrl ?? link;
  return {
    ...(offer.couponCode && { couponCode: offer.couponCode }),
    ...(redeemUrl && { redeemOnlineUrl: redeemUrl }),
    ...(offer.terms && { termsConditions: offer.terms }),
  };
}

function callToAction(options: LocalPostOptions, link: string | null): Record<string, unknown> {
  if (options.topic === 'offer') return {};
  const chosen = options.callToAction;
  if (chosen?.type === 'CALL') return { callToAction: { actionType: 'CALL' } };
  const url = chosen?.url ?? link;
  if (!chosen && !url) return {};
  if (!url)
    throw new ConnectorFailure({
      kind: 'bad-request',
      reason: `options.callToAction.url is required for a ${chosen?.type} button (or give the post a link)`,
    });
  return { callToAction: { actionType: chosen?.type ?? 'LEARN_MORE', url } };
}

const dateOf = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};

const timeOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return { hours, minutes, seconds: 0, nanos: 0 };
};
