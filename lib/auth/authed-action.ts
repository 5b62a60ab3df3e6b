import "server-only";
import type { z } from "zod";
// The server actions' entry point: it loads the actor on the handle; each action body calls getDb() for its own work.
import { getDb } from "@/db/index";
import { currentRequestId, runWithLogContext } from "@/lib/observability/context";
import { fieldErrorsOf, type FieldErrors, type Result } from "@/lib/result";
import type { Actor } from "@/lib/actor";
import { getActor } from "./actor";

export type ActionRefusal = "invalid_input" | "signed_out";

/**
 * The only way to build a server action: input is parsed with the schema and the signed-in
 * actor is loaded before the body runs, so no action can forget either.
 */
export function authedAction<Schema extends z.ZodType, T, Reason extends string>(
  schema: Schema,
  body: (actor: Actor, input: z.output<Schema>) => Promise<Result<T, Reason>>,
) {
  return async (input: z.input<Schema>): Promise<Result<T, Reason | ActionRefusal> & { fieldErrors?: FieldErrors }> => {
    const actor = await getActor(await getDb());
    if (!actor) return { ok: false, reason: "signed_out" };
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
    // The middleware's request id, so the action's log lines and the jobs it queues carry it.
    return runWithLogContext({ requestId: await currentRequestId() }, () => body(actor, parsed.data));
  };
}
