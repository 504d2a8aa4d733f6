// A cross-process lock file, so two processes sharing a workspace do not both do the same expensive work
// (training the same feature extractor). Created atomically with O_EXCL, it names its holder (pid, host,
// start time) and its mtime is a heartbeat; a lock whose holder died on this host, or whose heartbeat stopped,
// is stale and may be taken over.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isProcessAlive } from './processAlive';

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string(),
  /** Random per acquisition: tells this holder's lock from a later one of the same pid. */
  token: z.string(),
  /** What the holder is doing, for the waiters' messages. */
  purpose: z.string(),
});
export type LockOwner = z.infer<typeof ownerSchema>;

export interface FileLockTiming {
  /** Milliseconds between heartbeats (mtime refreshes) while the lock is held. */
  heartbeatMs: number;
  /** A lock whose mtime is older than this many milliseconds is stale, whoever holds it. */
  staleMs: number;
}

/** A held lock heartbeats every 5 s; a minute without one means its holder is stuck or gone. */
export const defaultLockTiming: FileLockTiming = { heartbeatMs: 5_000, staleMs: 60_000 };

export interface HeldFileLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Stops the heartbeat and removes the lock file if it is still this holder's. Idempotent. */
  release(): Promise<void>;
}

/** What is known about the current holder of a lock that could not be taken. */
export interface LockHolder {
  /** Null when the file cannot be parsed (being written right now, or damaged). */
  owner: LockOwner | null;
  /** Milliseconds since the last heartbeat. */
  heartbeatAgeMs: number;
}

export type LockAttempt =
  | { acquired: true; lock: HeldFileLock; /** Why a stale lock was removed first, else null. */ recoveredStale: string | null }
  | { acquired: false; holder: LockHolder };

/** "pid 123 on host-a since 2026-…", or "an unknown holder" for an unreadable lock file. */
export function describeLockOwner(owner: LockOwner | null): string {
  return owner ? `pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}` : 'an unknown holder';
}

async function readHolder(path: string): Promise<{ holder: LockHolder; raw: string } | null> {
  try {
    const [raw, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let owner: LockOwner | null = null;
    try {
      const parsed = ownerSchema.safeParse(JSON.parse(raw));
      owner = parsed.success ? parsed.data : null;
    } catch {
      owner = null;
    }
    return { holder: { owner, heartbeatAgeMs: Math.max(0, Date.now() - info.mtimeMs) }, raw };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Why the lock is stale, or null while its holder is presumably at work. */
export function staleReason(holder: LockHolder, timing: FileLockTiming = defaultLockTiming): string | null {
  const { owner } = holder;
  if (owner && owner.hostname === hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid)) {
    return `its holder (${describeLockOwner(owner)}) is gone`;
  }
  if (holder.heartbeatAgeMs > timing.staleMs) {
    return `its holder (${describeLockOwner(owner)}) sent no heartbeat for ${Math.round(holder.heartbeatAgeMs / 1000)} s`;
  }
  return null;
}

async function createExclusive(path: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes the stale lock `raw` at `path`, under a short-lived `<path>.takeover` mutex so two waiters that
 * both judged it stale cannot remove each other's fresh lock. @returns false when another waiter is at it.
 */
async function removeStale(path: string, raw: string, timing: FileLockTiming): Promise<boolean> {
  const mutex = `${path}.takeover`;
  const token: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex'), purpose: 'takeover' };
  if (!(await createExclusive(mutex, token))) {
    // A takeover never takes long: one left over for a whole stale period was abandoned by a crash.
    const left = await readHolder(mutex);
    if (left && staleReason(left.holder, timing)) await unlink(mutex).catch(() => undefined);
    return false;
  }
  try {
    const now = await readHolder(path);
    if (now && now.raw === raw && staleReason(now.holder, timing)) await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await unlink(mutex).catch(() => undefined);
  }
}

/**
 * One attempt at the lock `path`: takes it when free (or stale, removing the stale one first), else says
 * who holds it. Never waits; callers poll. The heartbeat runs on an unref'd timer until `release`.
 */
export async function tryAcquireFileLock(path: string, purpose: string, timing: FileLockTiming = defaultLockTiming): Promise<LockAttempt> {
  await mkdir(dirname(path), { recursive: true });
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex'), purpose };
  let recoveredStale: string | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, owner)) return { acquired: true, lock: holdLock(path, owner, timing), recoveredStale };
    const current = await readHolder(path);
    if (!current) continue; // released between our open and our read: try again
    const reason = staleReason(current.holder, timing);
    if (!reason) return { acquired: false, holder: current.holder };
    if (!(await removeStale(path, current.raw, timing))) return { acquired: false, holder: current.holder };
    recoveredStale = reason;
  }
  const current = await readHolder(path);
  return { acquired: false, holder: current?.holder ?? { owner: null, heartbeatAgeMs: 0 } };
}

function holdLock(path: string, owner: LockOwner, timing: FileLockTiming): HeldFileLock {
  const beat = setInterval(() => {
    const now = new Date();
    void utimes(path, now, now).catch(() => undefined);
  }, timing.heartbeatMs);
  beat.unref();
  let released = false;
  return {
    path,
    owner,
    async release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      const current = await readHolder(path);
      // Only our own lock: if we were judged stale and taken over, the file is someone else's now.
      if (current?.holder.owner?.token === owner.token) await unlink(path).catch(() => undefined);
    },
  };
}
