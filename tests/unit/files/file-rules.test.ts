import { describe, expect, it } from "vitest";
import { attachmentTypeOf, checkFile, cleanFileName, MAX_FILE_BYTES } from "@/lib/files/file-rules";

describe("checkFile", () => {
  it("takes images, documents and media each provider delivers, up to 16 MB", () => {
    expect(checkFile("whatsapp", { type: "image/jpeg", size: 1000 })).toEqual({ ok: true, type: "image/jpeg" });
    expect(checkFile("messenger", { type: "application/pdf", size: MAX_FILE_BYTES })).toEqual({ ok: true, type: "application/pdf" });
    expect(checkFile("whatsapp", { type: "Text/Plain; charset=utf-8", size: 3 })).toEqual({ ok: true, type: "text/plain" });
  });

  it("refuses a file over 16 MB, an empty one, and types that could run script or the provider refuses", () => {
    expect(checkFile("messenger", { type: "image/png", size: MAX_FILE_BYTES + 1 })).toEqual({ ok: false, reason: "file_too_large" });
    expect(checkFile("messenger", { type: "image/png", size: 0 })).toEqual({ ok: false, reason: "file_empty" });
    for (const type of ["text/html", "image/svg+xml", "application/javascript", "", "application/octet-stream"]) {
      expect(checkFile("messenger", { type, size: 10 })).toEqual({ ok: false, reason: "file_type_refused" });
    }
    // WhatsApp has no GIF or WebP images (Twilio's supported media list).
    expect(checkFile("whatsapp", { type: "image/gif", size: 10 })).toEqual({ ok: false, reason: "file_type_refused" });
  });
});

describe("attachmentTypeOf and cleanFileName", () => {
  it("plays images, video and audio, and treats the rest as files", () => {
    expect(["image/png", "video/mp4", "audio/ogg", "application/pdf"].map(attachmentTypeOf)).toEqual(["image", "video", "audio", "file"]);
  });

  it("keeps the last path segment without control characters", () => {
    expect(cleanFileName("C:\\Users\\jana\\Nabídka\u0007.pdf")).toBe("Nabídka.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("   ")).toBe("file");
  });
});
