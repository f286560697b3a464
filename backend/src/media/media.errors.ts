import { defineErrors } from '../common/domain-error';

export class MediaError extends defineErrors('media', {
  FILE_REQUIRED: { status: 400, title: 'Attach a file in the multipart field "file"' },
  UNSUPPORTED_TYPE: { status: 415, title: 'This kind of file cannot be posted' },
  UNREADABLE: { status: 422, title: 'The file could not be read' },
  TOOL_MISSING: { status: 503, title: 'The server cannot process this kind of file now' },
}) {}
