import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so no request is served before its socket address is stamped (lib/http/client-address.ts).
    const { stampSocketAddresses } = await import("@/lib/server/socket-address");
    stampSocketAddresses();
    const { startServer } = await import("@/lib/server/start-server");
    await startServer();
  }
}

/** Every server error as a JSON log line with its request id (lib/observability/request-error.ts). */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/observability/request-error");
  await logRequestError(...args);
};
