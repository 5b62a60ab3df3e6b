import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/http/client-address";

/** The client a server action serves, for per-client limits, by the same rule as the sign-in limit (TRUSTED_PROXIES). */
export async function requestClient(): Promise<string | null> {
  return clientAddress(await headers());
}
