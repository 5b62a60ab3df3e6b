import { timingSafeEqual } from "node:crypto";

/**
 * Compares secrets (signatures, tokens) without an early exit on the first differing byte.
 * Only the lengths can leak, and for signatures and tokens the length is public anyway.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // timingSafeEqual refuses unequal lengths; compare `left` with itself so this path
    // costs about as much as a real comparison.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
