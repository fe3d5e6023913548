import type { Hocuspocus, WebSocketLike } from '@hocuspocus/server';
import crossws from 'crossws/adapters/node';

type PeerWithConnection = {
  hocuspocus?: { handleMessage(data: Uint8Array): void; handleClose(event: { code: number; reason: string }): void };
};

/**
 * WebSocket upgrades on our own `node:http` server handed to Hocuspocus, the way its own `Server`
 * class does it (with crossws), without that class's process-wide signal handling. The caller
 * routes `upgrade` events to `handleUpgrade` and calls `closeAll` when stopping.
 */
export function hocuspocusWebSocket<Context>(hocuspocus: Hocuspocus<Context>) {
  return crossws({
    hooks: {
      open: (peer) => {
        (peer as unknown as PeerWithConnection).hocuspocus = hocuspocus.handleConnection(
          peer.websocket as unknown as WebSocketLike,
          peer.request as Request,
        );
      },
      message: (peer, message) => {
        (peer as unknown as PeerWithConnection).hocuspocus?.handleMessage(message.uint8Array());
      },
      close: (peer, event) => {
        (peer as unknown as PeerWithConnection).hocuspocus?.handleClose({ code: event.code ?? 1000, reason: event.reason ?? '' });
      },
    },
  });
}
