import { defineErrors } from '../common/domain-error';

export class AutomationsError extends defineErrors('automations', {
  INVALID_GRAPH: { status: 400, title: 'The automation cannot be published as it is' },
  NOT_PUBLISHED: { status: 409, title: 'The automation has no published version yet' },
  RUNTIME_UNAVAILABLE: { status: 503, title: 'The flow runtime is not running' },
  RUNTIME_REFUSED: { status: 502, title: 'The flow runtime refused the automation' },
  INVALID_TOKEN: { status: 401, title: 'The runtime token is not valid' },
  UNKNOWN_ACTION: { status: 404, title: 'There is no such action' },
  ACTION_REFUSED: { status: 400, title: 'The action could not be done' },
  HOOK_REJECTED: { status: 401, title: 'The webhook delivery was refused' },
  HOOK_REPLAYED: { status: 409, title: 'This webhook delivery was already accepted' },
  NO_SUCH_TRIGGER: { status: 400, title: 'The automation has no such trigger' },
  AI_NOT_SET_UP: { status: 409, title: 'No AI provider is set up' },
  AI_FAILED: { status: 502, title: 'The AI provider could not write' },
  INVALID_SAMPLE: { status: 400, title: 'The sample data cannot be taken' },
  SAMPLE_UNAVAILABLE: { status: 422, title: 'No sample could be read from the source' },
  NOT_RETRYABLE: { status: 409, title: 'The run cannot be retried from a failed step' },
  INVALID_FILE: { status: 400, title: 'The file is not an automation that can be imported' },
}) {}
