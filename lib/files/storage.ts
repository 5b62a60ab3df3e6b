import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { conversations, files, messagingApps, type StoredFile } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { appAccessibleBy, type AccessSubject } from "@/lib/apps/access";
import { isUuid } from "@/lib/ids";
import { ok, refuse, type Result } from "@/lib/result";
import { dataDir } from "@/lib/runtime/data-dir";
import { MAX_FILE_BYTES } from "./file-rules";

/** FILES_DIR, or `.data/files` next to the embedded database (SPEC §14). */
export async function filesDir(): Promise<string> {
  const dir = path.resolve(/*turbopackIgnore: true*/ getEnv().FILES_DIR ?? path.join(dataDir(), "files"));
  await fs.mkdir(/*turbopackIgnore: true*/ dir, { recursive: true });
  return dir;
}

const pathOf = (dir: string, fileId: string) => path.join(/*turbopackIgnore: true*/ dir, fileId);

class TooLarge extends Error {}

/** Counts bytes as they pass and stops the copy once there are more than `limit`. */
function byteCap(limit: number, seen: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen.bytes += chunk.byteLength;
      done(seen.bytes > limit ? new TooLarge() : null, chunk);
    },
  });
}

export type StoreFileInput = {
  workspaceId: string;
  conversationId: string;
  userId: string;
  name: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
};

/**
 * Streams the upload to disk under a temporary name, then records it: a body over the cap is
 * cut off when it passes 16 MB (never buffered whole) and leaves neither a file nor a row.
 */
export async function storeFile(db: Executor, input: StoreFileInput): Promise<Result<StoredFile, "file_too_large" | "file_empty">> {
  const dir = await filesDir();
  const id = randomUUID();
  const partial = `${pathOf(dir, id)}.part`;
  const seen = { bytes: 0 };
  try {
    await pipeline(Readable.fromWeb(input.body as import("node:stream/web").ReadableStream), byteCap(MAX_FILE_BYTES, seen), createWriteStream(/*turbopackIgnore: true*/ partial, { flags: "wx" }));
  } catch (error) {
    await fs.rm(/*turbopackIgnore: true*/ partial, { force: true });
    if (error instanceof TooLarge) return refuse("file_too_large");
    throw error;
  }
  if (seen.bytes === 0) {
    await fs.rm(/*turbopackIgnore: true*/ partial, { force: true });
    return refuse("file_empty");
  }
  await fs.rename(/*turbopackIgnore: true*/ partial, pathOf(dir, id));
  try {
    const [row] = await db
      .insert(files)
      .values({
        id,
        workspaceId: input.workspaceId,
        conversationId: input.conversationId,
        uploadedBy: input.userId,
        name: input.name,
        contentType: input.contentType,
        size: seen.bytes,
      })
      .returning();
    return ok(row!);
  } catch (error) {
    await fs.rm(/*turbopackIgnore: true*/ pathOf(dir, id), { force: true });
    throw error;
  }
}

/** A file of a conversation the subject may see (null for other workspaces, no access, deleted). */
export async function findAccessibleFile(db: Executor, subject: AccessSubject, fileId: string): Promise<StoredFile | null> {
  if (!isUuid(fileId)) return null;
  const [row] = await db
    .select({ file: files })
    .from(files)
    .innerJoin(conversations, eq(conversations.id, files.conversationId))
    .innerJoin(messagingApps, eq(messagingApps.id, conversations.appId))
    .where(and(eq(files.id, fileId), isNull(conversations.deletedAt), appAccessibleBy(subject)))
    .limit(1);
  return row?.file ?? null;
}

/** The file by id alone, for a request whose signed link is its permission. */
export async function findFile(db: Executor, fileId: string): Promise<StoredFile | null> {
  if (!isUuid(fileId)) return null;
  const [row] = await db
    .select({ file: files })
    .from(files)
    .innerJoin(conversations, eq(conversations.id, files.conversationId))
    .where(and(eq(files.id, fileId), isNull(conversations.deletedAt)))
    .limit(1);
  return row?.file ?? null;
}

/** Types a browser may show inline from our origin; everything else downloads. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** The stored bytes as a response; null when the row outlived its bytes. */
export async function fileResponse(file: StoredFile): Promise<Response | null> {
  const dir = await filesDir();
  let stat;
  try {
    stat = await fs.stat(/*turbopackIgnore: true*/ pathOf(dir, file.id));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const inline = INLINE.test(file.contentType);
  const stream = Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ pathOf(dir, file.id))) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(stat.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "X-Content-Type-Options": "nosniff",
      // Whatever the file holds, it runs nothing in our origin.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=300",
    },
  });
}
