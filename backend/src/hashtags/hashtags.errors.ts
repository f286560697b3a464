import { defineErrors } from '../common/domain-error';

export class HashtagsError extends defineErrors('hashtags', {
  GROUP_NAME_TAKEN: { status: 409, title: 'A hashtag group with this name already exists' },
}) {}
