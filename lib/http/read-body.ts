export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 413 };

/**
 * Reads the raw body once, stopping at the cap: a lying or missing Content-Length cannot make
 * us buffer more than `limit` bytes.
 */
/** Refused on its Content-Length alone, before a byte is read. */
export function declaresTooLarge(request: Request, limit = MAX_WEBHOOK_BODY_BYTES): boolean {
  const declared = Number(request.headers.get("content-length"));
  return Number.isFinite(declared) && declared > limit;
}

export async function readBodyWithLimit(request: Request, limit = MAX_WEBHOOK_BODY_BYTES): Promise<BodyResult> {
  if (declaresTooLarge(request, limit)) return { ok: false, status: 413 };
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, status: 413 };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks) };
}
