import { randomBytes } from "node:crypto";

/**
 * Unique values for unique columns (emails, contact ids, provider message ids). The run
 * token keeps them apart even when two test files share one database.
 */
const run = randomBytes(3).toString("hex");
let counter = 0;

export function nextSequence(): number {
  counter += 1;
  return counter;
}

export function uniqueToken(prefix: string): string {
  return `${prefix}-${run}-${nextSequence()}`;
}
