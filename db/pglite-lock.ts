import fs from "node:fs";

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${holderPid} (usually \`npm run dev\` or \`npm start\`).\n` +
        `PGlite can only be opened by one process at a time. Stop that process and try again,\n` +
        `or set DATABASE_URL to use a PostgreSQL server, which any number of processes can share.`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock of its own: two processes on one directory silently lose writes.
 * A PID file created with O_EXCL makes this process the only owner; a file left by a dead
 * process is taken over.
 */
export function acquirePgliteLock(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone: nothing to release
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
    if (holder === process.pid) return () => {};
    if (Number.isInteger(holder) && isAlive(holder)) throw new EmbeddedDatabaseBusyError(dir, holder);
    fs.rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}
