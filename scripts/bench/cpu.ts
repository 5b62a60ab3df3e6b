import fs from "node:fs";

/**
 * CPU time spent by a process tree and by PostgreSQL's backends for one database, read from
 * /proc (Linux). On a machine shared with others, throughput says how much CPU a server got;
 * CPU milliseconds per request say how much it needed, whatever the others were doing.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK)

type ProcStat = { pid: number; ppid: number; ticks: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields count from after it.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone in between
  }
}

function allPids(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** CPU milliseconds (user + system) of `rootPid` and every live descendant. */
export function processTreeCpuMs(rootPid: number): number {
  const stats = allPids()
    .map(readStat)
    .filter((stat): stat is ProcStat => stat !== null);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const visit = (pid: number) => {
    const own = stats.find((stat) => stat.pid === pid);
    if (own) ticks += own.ticks;
    for (const child of children.get(pid) ?? []) visit(child.pid);
  };
  visit(rootPid);
  return ticks * TICK_MS;
}

/** Per backend pid, CPU milliseconds of PostgreSQL's backends connected to `database` (local server only). */
export function postgresBackendsCpuMs(database: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const pid of allPids()) {
    let title: string;
    try {
      title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    // "postgres: 15/main: <user> <database> <client> <state>"
    if (!title.startsWith("postgres:") || !title.split(" ").includes(database)) continue;
    const stat = readStat(pid);
    if (stat) found.set(pid, stat.ticks * TICK_MS);
  }
  return found;
}

/** Starts counting; `stop()` answers the CPU milliseconds spent since, by the tree and by the database's backends. */
export function cpuMeter(rootPid: number, database: string | null) {
  const treeBefore = processTreeCpuMs(rootPid);
  const backendsBefore = database ? postgresBackendsCpuMs(database) : new Map<number, number>();
  return {
    stop(): { serverMs: number; databaseMs: number } {
      const serverMs = processTreeCpuMs(rootPid) - treeBefore;
      let databaseMs = 0;
      // A backend that appeared during the round counts from zero; one that ended is lost (pools keep theirs).
      if (database) for (const [pid, ms] of postgresBackendsCpuMs(database)) databaseMs += ms - (backendsBefore.get(pid) ?? 0);
      return { serverMs, databaseMs };
    },
  };
}
