/** The slice of Node-RED's node API the rule nodes use (node-red ships no typings). */
import { decodeCompiledNode, type CompiledNodeSpec, type RunContext } from '../protocol';

export interface SoMessage {
  _msgid?: string;
  payload: Record<string, unknown>;
  _so: RunContext;
  [key: string]: unknown;
}

/** `send` takes one message per output port, null where nothing goes. */
export type Send = (msg: SoMessage | Array<SoMessage | null>) => void;
export type Done = (error?: Error) => void;

export interface RedNode {
  id: string;
  on(event: 'input', handler: (msg: SoMessage, send: Send, done: Done) => void): void;
  on(event: 'close', handler: (removed: boolean, done: () => void) => void): void;
  status(status: { fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey'; shape?: 'dot' | 'ring'; text?: string }): void;
  warn(message: string): void;
}

/** A node as the compiler deploys it: its description is JSON text (see `encodeCompiledNode`). */
export interface DeployedNodeDef {
  id: string;
  type: string;
  z: string;
  name?: string;
  wires: string[][];
  so: string;
}

/** A deployed node with its description read, as the node constructors use it. */
export interface CompiledNodeDef extends Omit<DeployedNodeDef, 'so'> {
  so: CompiledNodeSpec;
}

/** Reads a node's description once, in its constructor. */
export function readNodeDef(def: DeployedNodeDef): CompiledNodeDef {
  const so = decodeCompiledNode(def.so);
  if (!so) throw new Error(`node ${def.id} carries no automation description`);
  return { ...def, so };
}

export interface Red {
  nodes: {
    createNode(node: object, def: DeployedNodeDef): void;
    registerType(type: string, constructor: (this: RedNode, def: DeployedNodeDef) => void): void;
  };
  util: { getSetting(node: RedNode, name: string): string | undefined };
  /** Node-RED's settings, with the host's own (e.g. `BACKEND_SETTING`). */
  settings: Record<string, unknown>;
}

/** One message on the named port, nothing on the others. */
export function onPort(ports: string[], port: string, msg: SoMessage): Array<SoMessage | null> {
  const index = ports.indexOf(port);
  if (index < 0) throw new Error(`this node has no output port ${port}`);
  if (msg._so) msg._so.sent = { port, payload: msg.payload };
  return ports.map((_, i) => (i === index ? msg : null));
}
