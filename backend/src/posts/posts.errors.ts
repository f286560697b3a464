import { defineErrors } from '../common/domain-error';

export class PostsError extends defineErrors('posts', {
  INVALID_POST: { status: 400, title: 'The post breaks a rule of a network it targets' },
  INVALID_SCHEDULE: { status: 400, title: 'The schedule is not valid' },
  QUOTA_EXCEEDED: { status: 400, title: "The schedule would break a network's posting quota" },
  POST_BUSY: { status: 409, title: 'The post is being published right now' },
  INVALID_MOVE: { status: 409, title: 'The post cannot move there' },
  INVALID_IMPORT: { status: 400, title: 'The file cannot be imported' },
}) {}
