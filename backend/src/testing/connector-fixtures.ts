import { expect } from 'vitest';
import { ConnectorFailure, type PublishMedia, type PublishRequest } from '../connectors/connector';
import type { FailureClass } from '../connectors/failure-classification';
import type { MediaKind } from '../connectors/network-limits';

/** A media item networks fetch by URL (Facebook, Instagram), for connector specs. */
export const urlMedia = (id: string, kind: 'image' | 'video' = 'image'): PublishMedia => ({
  id,
  kind,
  mimeType: kind === 'image' ? 'image/jpeg' : 'video/mp4',
  bytes: 1000,
  url: `https://media.example/${id}`,
  read: () => Promise.resolve(Buffer.from('')),
});

/** A publish request with a fixed idempotency key, for connector specs. */
export const publishRequest = (
  defaults: Partial<PublishRequest>,
  overrides: Partial<PublishRequest>,
): PublishRequest => ({
  idempotencyKey: 'variant-1:occurrence-1',
  postType: 'status',
  text: '',
  link: null,
  media: [],
  options: {},
  ...defaults,
  ...overrides,
});

/** A media item networks take as uploaded bytes (X, LinkedIn), for connector specs. */
export const uploadMedia = (kind: MediaKind, mimeType: string, bytes: Buffer): PublishMedia => ({
  id: `m-${kind}`,
  kind,
  mimeType,
  bytes: bytes.length,
  url: 'https://cdn.example/m',
  read: async () => bytes,
});

/** The failure a connector call was refused with (the spec fails if it was not refused). */
export async function failureOf(promise: Promise<unknown>): Promise<FailureClass> {
  const error: unknown = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConnectorFailure);
  return (error as ConnectorFailure).failure;
}
