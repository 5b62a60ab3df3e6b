import fs from "node:fs";
import path from "node:path";

/** Where the embedded defaults live: PGlite's files, generated secrets, the dev outbox. */
export function dataDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.SWITCHBOARD_DATA_DIR ?? ".data");
  fs.mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  return dir;
}

/**
 * Returns the value kept in `.data/<name>`, creating it with `generate()` on first use.
 * Written with `wx` so two processes racing on a fresh directory agree on one value.
 */
export function keptSecret(name: string, generate: () => string): string {
  const file = path.join(/*turbopackIgnore: true*/ dataDir(), name);
  try {
    return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    fs.writeFileSync(/*turbopackIgnore: true*/ file, generate(), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
}
