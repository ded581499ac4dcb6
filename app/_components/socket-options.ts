import type { ManagerOptions, SocketOptions } from 'socket.io-client';

/**
 * How the browser opens socket.io (live decisions, presence, notifications). Websocket
 * from the start: the editor cannot work without websockets anyway (Yjs), and skipping
 * Engine.IO's long-polling start saves several round trips on every page load. Every
 * caller uses the same options, so they share one connection (socket.io multiplexes).
 */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  path: '/socket.io',
  withCredentials: true,
  transports: ['websocket'],
};
