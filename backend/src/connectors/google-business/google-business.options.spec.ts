import { describe, expect, it } from 'vitest';
import { validateVariant, VariantDraft } from '../variant-validation';
import { GOOGLE_BUSINESS_LIMITS } from './google-business.limits';

const post = (options: Record<string, unknown>, partial: Partial<VariantDraft> = {}): VariantDraft => ({
  text: 'Fresh sourdough every morning.',
  postType: 'status',
  media: [],
  options,
  ...partial,
});
const violations = (draft: VariantDraft) => validateVariant(GOOGLE_BUSINESS_LIMITS, draft);
const fields = (draft: VariantDraft) => violations(draft).map((v) => v.field);
const event = {
  title: 'Bread class',
  startDate: '2026-12-12',
  startTime: '09:30',
  endDate: '2026-12-12',
  endTime: '12:00',
};

describe('Google Business Profile variant rules', () => {
  it('accepts an update, an event with a button and an offer with coupon and terms', () => {
    expect(fields(post({}))).toEqual([]);
    expect(
      fields(post({ topic: 'event', event, callToAction: { type: 'BOOK', url: 'https://x.example/book' } })),
    ).toEqual([]);
    expect(
      fields(
        post({
          topic: 'offer',
          event,
          offer: { couponCode: 'LOAF', redeemUrl: 'https://x.example', terms: 'One each' },
        }),
      ),
    ).toEqual([]);
    expect(fields(post({ callToAction: { type: 'CALL' } }))).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(fields(post({ topic: 'story' }))).toEqual(['options.topic']);
    expect(fields(post({ topic: 'event' }))).toEqual(['options.event']);
    expect(fields(post({ topic: 'event', event: { ...event, title: 'x'.repeat(59) } }))).toEqual([
      'options.event.title',
    ]);
    expect(fields(post({ topic: 'event', event: { ...event, startDate: '2026-13-01' } }))).toEqual([
      'options.event.startDate',
    ]);
    expect(fields(post({ topic: 'event', event: { ...event, endTime: '9am' } }))).toEqual(['options.event.endTime']);
    expect(fields(post({ topic: 'event', event: { ...event, endDate: '2026-12-11' } }))).toEqual([
      'options.event.endDate',
    ]);
    expect(fields(post({ offer: { couponCode: 'X' } }))).toEqual(['options.offer']);
    expect(fields(post({ topic: 'offer', event, offer: { redeemUrl: 'not a url' } }))).toEqual([
      'options.offer.redeemUrl',
    ]);
    expect(fields(post({ topic: 'offer', event, callToAction: { type: 'SHOP', url: 'https://x.example' } }))).toEqual([
      'options.callToAction',
    ]);
    expect(fields(post({ callToAction: { type: 'CALL', url: 'https://x.example' } }))).toEqual([
      'options.callToAction.url',
    ]);
    expect(fields(post({ callToAction: { type: 'BUY' } }))).toEqual(['options.callToAction.type']);
  });

  it('takes 1,500 characters and at most one JPEG or PNG photo', () => {
    expect(fields(post({}, { text: 'x'.repeat(1501) }))).toEqual(['text']);
    const png = { kind: 'image' as const, mimeType: 'image/png', bytes: 100_000 };
    expect(fields(post({}, { postType: 'photo', media: [png] }))).toEqual([]);
    expect(fields(post({}, { postType: 'photo', media: [png, png] }))).toEqual(['media']);
    expect(fields(post({}, { postType: 'photo', media: [{ ...png, mimeType: 'image/webp' }] }))).toEqual(['media[0]']);
  });
});
