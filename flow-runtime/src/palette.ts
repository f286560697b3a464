import { basename, dirname } from 'node:path';

/**
 * The palette policy. Node-RED 4.1's registry (`@node-red/registry/lib/localfilesystem.js`)
 * compares every `nodesIncludes` entry with `===` against
 *   - the file name of each core node file (`15-change.js`), and
 *   - the folder name of each node *package* it meets (`rule-nodes`), wherever it scans:
 *     `<userDir>/node_modules`, every ancestor `node_modules` of the core nodes, and `nodesDir`.
 * So the list below is an allow-list of core files plus our package's folder name; a
 * `node-red-contrib-*` folder anywhere is skipped because its name is not on it.
 *
 * Nothing here reaches the host: no function, exec, file in/out, watch, tcp/udp, http
 * in/request/response, websocket, mqtt, nor their tls/proxy config nodes.
 */
export const ALLOWED_CORE_NODE_FILES = [
  '05-junction.js', // junction
  '20-inject.js', // inject
  '21-debug.js', // debug (no editor: its output goes nowhere until step history hooks it)
  '24-complete.js', // complete
  '25-catch.js', // catch
  '25-status.js', // status
  '60-link.js', // link in / link out / link call
  '90-comment.js', // comment
  '98-unknown.js', // unknown (placeholder type Node-RED itself uses)
  '10-switch.js', // switch
  '15-change.js', // change
  '16-range.js', // range
  '80-template.js', // template (mustache)
  '89-delay.js', // delay
  '89-trigger.js', // trigger
  '70-JSON.js', // json
  '17-split.js', // split / join
  '18-sort.js', // sort
  '19-batch.js', // batch
] as const;

/** Our own node package (`rule-nodes/`); nodes added to its `node-red.nodes` load with no host change. */
export const RULE_NODES_PACKAGE = '@socialorchestrator/rule-nodes';
export const RULE_NODES_DIR = dirname(require.resolve(`${RULE_NODES_PACKAGE}/package.json`));

/** `settings.nodesIncludes`: core files + the folder name Node-RED will see for our package. */
export const nodesIncludes = (): string[] => [...ALLOWED_CORE_NODE_FILES, basename(RULE_NODES_DIR)];

/**
 * `settings.externalModules.palette` allow/deny lists. The registry also checks these by *package
 * name* before loading any node package, so a foreign package that happens to sit in a folder
 * named `rule-nodes` is still refused. Installing from the palette is off.
 */
export const paletteModules = () => ({
  allowInstall: false,
  allowUpload: false,
  allowList: [RULE_NODES_PACKAGE],
  denyList: ['*'],
});

export const coreNodesDir = (): string => dirname(require.resolve('@node-red/nodes/package.json'));
