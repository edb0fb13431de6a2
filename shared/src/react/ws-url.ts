/** The signalling WebSocket URL of the server that served this page (`/ws` on the same host). */
export function signalingUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
