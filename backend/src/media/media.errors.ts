import { defineErrors } from '../common/domain-error';

export class MediaError extends defineErrors('media', {
  FILE_REQUIRED: { status: 400, title: 'Attach a file in the multipart field "file"' },
  UNSUPPORTED_TYPE: { status: 415, title: 'This kind of file cannot be posted' },
  UNREADABLE: { status: 422, title: 'The file could not be read' },
  TOOL_MISSING: { status: 503, title: 'The server cannot process this kind of file now' },
  MEDIA_IN_USE: { status: 409, title: 'A scheduled or pending post uses this media' },
  MEDIA_USED_BY_DRAFTS: { status: 409, title: 'Drafts use this media; confirm to delete it from them' },
  NOT_AN_IMAGE: { status: 422, title: 'Only images (JPEG, PNG, WebP) can be edited' },
  EDIT_INVALID: { status: 422, title: 'An edit step does not fit the image' },
  LOGO_UNAVAILABLE: { status: 422, title: 'The workspace logo cannot be used' },
  FOLDER_MISSING: { status: 422, title: 'The folder does not exist' },
  FOLDER_EXISTS: { status: 409, title: 'A folder with this name is already there' },
  FOLDER_CYCLE: { status: 422, title: 'A folder cannot move inside itself' },
}) {}
