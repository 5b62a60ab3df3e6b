import { z } from "zod";
import { getEnv } from "@/lib/env";

/** A Graph API URL under MESSENGER_API_BASE (which carries the pinned version, e.g. `/v21.0`). */
export function graphUrl(path: string, query: Record<string, string>): URL {
  const url = new URL(`${getEnv().MESSENGER_API_BASE.replace(/\/+$/, "")}/${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

/** `{"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}` (PROVIDERS.md §6). */
export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});

export type GraphError = z.infer<typeof graphErrorSchema>["error"];
