import http from "node:http";
import https from "node:https";
import { SOCKET_ADDRESS_HEADER, socketStamp } from "@/lib/http/client-address";

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Stamps every incoming request with the address of the socket it arrived on, before Next
 * sees it, and drops any value a client sent under that name. Next 16 gives route handlers
 * and Auth.js no other way to learn it. Works for `next start`, `next dev` and the standalone
 * server alike, because each serves from an http(s).Server in this process.
 */
export function stampSocketAddresses(): void {
  if (socketStamp.installed) return;
  for (const prototype of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit }[]) {
    const emit = prototype.emit;
    prototype.emit = function (this: unknown, event, ...args) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        delete request.headers[SOCKET_ADDRESS_HEADER];
        const address = request.socket?.remoteAddress;
        if (address) request.headers[SOCKET_ADDRESS_HEADER] = address;
      }
      return emit.call(this, event, ...args);
    };
  }
  socketStamp.installed = true;
}
