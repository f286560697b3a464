import type { Graph } from './graph';

/**
 * An automation as a file (export, import): the public graph contract with a format field that
 * names its version, so a later format can still read this one.
 */
export const AUTOMATION_FILE_FORMAT = 'socialorchestrator.automation/v1';

export interface AutomationFile {
  format: typeof AUTOMATION_FILE_FORMAT;
  name: string;
  exportedAt: string;
  graph: Graph;
}

/**
 * What an import left out: an id of an account, role or automation the target workspace does
 * not have, named by the step (or the error handler) that held it.
 */
export interface ImportNotice {
  field: string;
  message: string;
}
