import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the flow runtime on this machine reaches this process's internal API (the port actually bound). */
export function internalApiUrl(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const reachable = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}/internal/v1`;
}
