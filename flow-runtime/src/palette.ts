import { dirname, join } from 'node:path';

/**
 * The only core node files the runtime loads (Node-RED matches `nodesIncludes` against file names).
 * Nothing that reaches the host: no function, exec, file, watch, tcp/udp, http, websocket, mqtt.
 */
export const ALLOWED_CORE_NODE_FILES = [
  '05-junction.js',
  '20-inject.js',
  '21-debug.js',
  '24-complete.js',
  '25-catch.js',
  '25-status.js',
  '60-link.js',
  '90-comment.js',
  '98-unknown.js',
  '10-switch.js',
  '15-change.js',
  '16-range.js',
  '80-template.js',
  '89-delay.js',
  '89-trigger.js',
  '70-JSON.js',
  '17-split.js',
  '18-sort.js',
  '19-batch.js',
];

/** Our own palette package; its folder name must be on the allow-list too. */
export const RULE_NODES_DIR = dirname(require.resolve('@socialorchestrator/rule-nodes/package.json'));
export const RULE_NODES_FOLDER = 'rule-nodes';

export const nodesIncludes = (): string[] => [...ALLOWED_CORE_NODE_FILES, RULE_NODES_FOLDER];

export const coreNodesDir = (): string => join(dirname(require.resolve('@node-red/nodes/package.json')));
