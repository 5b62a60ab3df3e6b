import "server-only";
import type { z } from "zod";
// The server actions' entry point: it loads the actor on the handle; each action body calls getDb() for its own work.
import { getDb } from "@/db/index";
import { currentRequestId, runWithLogContext } from "@/lib/observability/context";
import type { Result } from "@/lib/result";
import { getActor, type Actor } from "./actor";

export type ActionRefusal = "invalid_input" | "signed_out";

/**
 * The only way to build a server action: input is parsed with the schema and the signed-in
 * actor is loaded before the body runs, so no action can forget either.
 */
export function authedAction<Schema extends z.ZodType, T, Reason extends string>(
  schema: Schema,
  body: (actor: Actor, input: z.output<Schema>) => Promise<Result<T, Reason>>,
) {
  return async (input: z.input<Schema>): Promise<Result<T, Reason | ActionRefusal> & { fieldErrors?: Record<string, string[]> }> => {
    const actor = await getActor(await getDb());
    if (!actor) return { ok: false, reason: "signed_out" };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "_";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, reason: "invalid_input", fieldErrors };
    }
    // The middleware's request id, so the action's log lines and the jobs it queues carry it.
    return runWithLogContext({ requestId: await currentRequestId() }, () => body(actor, parsed.data));
  };
}
