"use client";

import { useCallback, useRef, useState } from "react";
import type { Provider } from "@/db/schema";
import { checkFile, type FileRefusal } from "@/lib/files/file-rules";

/** The reply box's one attachment (SPEC §14): checked here, uploaded at once, sent with the reply. */
export type AttachmentState =
  | { status: "none" }
  | { status: "uploading"; name: string; size: number }
  | { status: "ready"; name: string; size: number; fileId: string }
  | { status: "refused"; name: string; reason: FileRefusal | "upload_failed" | "one_file_only" };

type UploadAnswer = { ok: true; file: { id: string } } | { ok: false; reason: string };

const REFUSALS = new Set(["file_too_large", "file_type_refused", "file_empty"]);

/**
 * Too big or a type the provider refuses is said before a byte is uploaded; the server checks
 * again (and cuts a body that lies about its size). Removing the file cancels its upload.
 */
export function useAttachment(conversationId: string, provider: Provider) {
  const [state, setState] = useState<AttachmentState>({ status: "none" });
  const upload = useRef<AbortController | null>(null);

  const clear = useCallback(() => {
    upload.current?.abort();
    upload.current = null;
    setState({ status: "none" });
  }, []);

  const attach = useCallback(
    (picked: File[]) => {
      if (picked.length === 0) return;
      upload.current?.abort();
      const file = picked[0]!;
      if (picked.length > 1) {
        setState({ status: "refused", name: file.name, reason: "one_file_only" });
        return;
      }
      const checked = checkFile(provider, { size: file.size, type: file.type });
      if (!checked.ok) {
        setState({ status: "refused", name: file.name, reason: checked.reason });
        return;
      }
      const controller = new AbortController();
      upload.current = controller;
      setState({ status: "uploading", name: file.name, size: file.size });
      void (async () => {
        try {
          const response = await fetch(`/api/files?conversationId=${encodeURIComponent(conversationId)}`, {
            method: "POST",
            headers: { "content-type": checked.type, "x-file-name": encodeURIComponent(file.name) },
            body: file,
            signal: controller.signal,
          });
          const answer = (await response.json().catch(() => ({ ok: false, reason: "upload_failed" }))) as UploadAnswer;
          if (controller.signal.aborted) return;
          if (answer.ok) setState({ status: "ready", name: file.name, size: file.size, fileId: answer.file.id });
          else {
            const reason = REFUSALS.has(answer.reason) ? (answer.reason as FileRefusal) : "upload_failed";
            setState({ status: "refused", name: file.name, reason });
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          console.error(error);
          setState({ status: "refused", name: file.name, reason: "upload_failed" });
        }
      })();
    },
    [conversationId, provider],
  );

  return { state, attach, clear };
}
