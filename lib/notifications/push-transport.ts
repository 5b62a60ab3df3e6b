import type { Agent } from "node:https";

export const PUSH_TIMEOUT_MS = 10_000;

type Transport = { agent?: Agent };
const transport: Transport = ((globalThis as { __switchboardPushTransport?: Transport }).__switchboardPushTransport ??= {});

/**
 * web-push only speaks https. Tests run a local push service with a self-signed certificate
 * and hand its trusting agent here; production never sets one.
 */
export function setPushAgent(agent: Agent | undefined): void {
  transport.agent = agent;
}

export function pushRequestOptions(): { timeout: number; agent?: Agent } {
  return transport.agent ? { timeout: PUSH_TIMEOUT_MS, agent: transport.agent } : { timeout: PUSH_TIMEOUT_MS };
}
