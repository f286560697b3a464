import { defineErrors } from '../common/domain-error';

export class LinkPreviewsError extends defineErrors('link-previews', {
  LINK_UNREADABLE: { status: 422, title: 'The link could not be read' },
}) {}
