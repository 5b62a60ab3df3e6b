import { overrideEnv, startHttpStandIn, type ReceivedRequest, type StandInAnswer, type StandInReply } from "./http-stand-in";

/**
 * A provider API for in-process tests (unit and integration): a random port, and the app's
 * base URL variable pointing at it while it runs, so the code under test calls it as it would
 * call the provider.
 */
export type ProviderStandIn = {
  /** What the app's base URL variable is set to while the stand-in runs. */
  baseUrl: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards the provider's success answer. */
  answerNext(...answers: StandInAnswer[]): void;
  /** Stops the server and restores the environment variable it replaced. */
  close(): Promise<void>;
};

export async function startProviderStandIn(options: {
  envVariable: "MESSENGER_API_BASE" | "TWILIO_API_BASE" | "TWILIO_CONTENT_API_BASE";
  /** Appended to the server's origin in the variable (Graph's pinned version, e.g. `/v21.0`). */
  basePath?: string;
  success: (request: ReceivedRequest) => StandInReply;
}): Promise<ProviderStandIn> {
  const server = await startHttpStandIn({ answer: options.success });
  const baseUrl = `${server.origin}${options.basePath ?? ""}`;
  const restoreEnv = overrideEnv({ [options.envVariable]: baseUrl });
  return {
    baseUrl,
    requests: server.requests,
    answerNext: server.answerNext,
    close: async () => {
      restoreEnv();
      await server.close();
    },
  };
}
