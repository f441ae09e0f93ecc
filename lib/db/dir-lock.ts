/**
 * One process at a time on an embedded PGlite directory. PGlite has no server to arbitrate:
 * two processes on one directory each keep their own copy in memory and overwrite each other's
 * files, so acknowledged writes (and their audit rows) vanish. A lock file beside the directory
 * names the holder (pid, host); a lock whose process is gone (kill -9, crash) is taken over.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on host ${holder.host}`;
    super(
      `The embedded database ${dataDir} is in use by ${where} (since ${holder.since}). ` +
        `Only one process may open it: stop that process (the other console or CLI command) first, ` +
        `or set DATABASE_URL to share a PostgreSQL database between processes. ` +
        `If no such process runs any more, delete ${lockPath}.`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DirLock {
  readonly path: string;
  release(): void;
}

export const lockPathFor = (dataDir: string) => `${dataDir.replace(/[\\/]+$/, "")}.lock`;

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" && typeof parsed.host === "string"
      ? { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? "unknown") }
      : null;
  } catch (e) {
    // Gone between our failed create and this read: the caller tries again.
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    // Unreadable or half-written by a holder that died while writing it.
    return { pid: -1, host: hostname(), since: "unknown" };
  }
}

/** Creates the lock file only if none exists (O_EXCL): of two processes, exactly one succeeds. */
function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a dead holder's lock aside. Renaming is atomic, so of two processes taking over, one
 * moves it; if what was moved is not the stale lock judged (someone took over in between), it is
 * put back.
 */
function removeStale(path: string, stale: LockHolder): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  const moved = readHolder(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process already holds the path: it wins, ours was stale anyway.
    }
  }
  unlinkSync(aside);
}

/** Takes the lock on a PGlite directory for this process, or throws DataDirLockedError naming the holder. */
export function lockDataDir(dataDir: string): DirLock {
  const path = lockPathFor(dataDir);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 10; attempt++) {
    if (tryCreate(path, me)) return heldLock(path, me);
    const holder = readHolder(path);
    if (!holder) continue;
    const sameHost = holder.host === me.host;
    // Another host's pid cannot be checked from here: refuse, and say so.
    if (!sameHost || (holder.pid !== -1 && isAlive(holder.pid))) throw new DataDirLockedError(dataDir, path, holder);
    removeStale(path, holder);
  }
  throw new DataDirLockedError(dataDir, path, readHolder(path) ?? me);
}

function heldLock(path: string, me: LockHolder): DirLock {
  const onExit = () => release();
  function release() {
    process.removeListener("exit", onExit);
    const current = readHolder(path);
    if (current && current.pid === me.pid && current.since === me.since) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  }
  // A normal exit (or process.exit in a signal handler) leaves no lock behind; kill -9 leaves a stale one, taken over later.
  process.on("exit", onExit);
  return { path, release };
}
