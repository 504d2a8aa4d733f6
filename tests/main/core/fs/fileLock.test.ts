// The cross-process lock file: atomic creation, who holds it, heartbeat, release only of one's own lock, and
// stale-lock recovery (holder dead on this host, heartbeat too old, unreadable) without two takers.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeLockOwner, tryAcquireFileLock, type HeldFileLock, type LockOwner } from '../../../../src/main/core/fs/fileLock';
import { tempDir } from '../../../helpers/tempWorkbench';

const quick = { heartbeatMs: 50, staleMs: 60_000 };

/** The pid of a process that has exited (so it names no live process, barring pid reuse). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

function writeLock(path: string, owner: Partial<LockOwner>, ageMs = 0): void {
  writeFileSync(path, JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: '2026-01-01T00:00:00.000Z', token: 'theirs', purpose: 'test', ...owner }));
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
}

describe('file lock', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  const held: HeldFileLock[] = [];
  beforeEach(() => {
    dir = tempDir('file-lock-');
    path = join(dir.path, 'sub', 'entry.lock');
  });
  afterEach(async () => {
    await Promise.all(held.splice(0).map((l) => l.release()));
    dir.remove();
  });

  it('is taken once: the file names pid, host and start time; a second attempt is told who holds it', async () => {
    const first = await tryAcquireFileLock(path, 'training x', quick);
    expect(first.acquired).toBe(true);
    if (!first.acquired) return;
    held.push(first.lock);
    expect(first.recoveredStale).toBeNull();
    const content = JSON.parse(readFileSync(path, 'utf8'));
    expect(content).toMatchObject({ pid: process.pid, hostname: hostname(), purpose: 'training x' });
    expect(Date.parse(content.startedAt)).toBeGreaterThan(Date.now() - 60_000);

    const second = await tryAcquireFileLock(path, 'training x', quick);
    expect(second.acquired).toBe(false);
    if (second.acquired) return;
    expect(second.holder.owner?.token).toBe(first.lock.owner.token);
    expect(describeLockOwner(second.holder.owner)).toMatch(new RegExp(`^pid ${process.pid} on `));

    await first.lock.release();
    await first.lock.release(); // idempotent
    expect(existsSync(path)).toBe(false);
    expect((await tryAcquireFileLock(path, 'again', quick)).acquired).toBe(true);
  });

  it('heartbeats: the mtime moves while held, and stops after release', async () => {
    const attempt = await tryAcquireFileLock(path, 'hb', quick);
    if (!attempt.acquired) throw new Error('not acquired');
    held.push(attempt.lock);
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(path, old, old);
    await expect.poll(() => Date.now() - statSync(path).mtimeMs, { timeout: 5_000 }).toBeLessThan(10_000);
    await attempt.lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('release leaves a lock that is no longer its own (taken over meanwhile)', async () => {
    const attempt = await tryAcquireFileLock(path, 'mine', quick);
    if (!attempt.acquired) throw new Error('not acquired');
    writeLock(path, { token: 'someone-else', pid: process.pid, hostname: hostname() });
    await attempt.lock.release();
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe('someone-else');
  });

  it('takes over a lock whose holder died on this host', async () => {
    const pid = await deadPid();
    mkdirSync(dirname(path), { recursive: true });
    writeLock(path, { pid, hostname: hostname() });
    const attempt = await tryAcquireFileLock(path, 'recover', quick);
    expect(attempt.acquired).toBe(true);
    if (!attempt.acquired) return;
    held.push(attempt.lock);
    expect(attempt.recoveredStale).toMatch(new RegExp(`pid ${pid} on .* is gone`));
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    expect(existsSync(`${path}.takeover`)).toBe(false);
  });

  it('waits for a live holder on another host, takes over once its heartbeat is older than staleMs', async () => {
    mkdirSync(dirname(path), { recursive: true });
    writeLock(path, { pid: 424242, hostname: 'other-host' }, 1_000);
    const fresh = await tryAcquireFileLock(path, 'wait', { heartbeatMs: 50, staleMs: 30_000 });
    expect(fresh.acquired).toBe(false); // a pid on another host cannot be checked: only its heartbeat counts
    writeLock(path, { pid: 424242, hostname: 'other-host' }, 120_000);
    const stale = await tryAcquireFileLock(path, 'take', { heartbeatMs: 50, staleMs: 30_000 });
    expect(stale.acquired).toBe(true);
    if (!stale.acquired) return;
    held.push(stale.lock);
    expect(stale.recoveredStale).toMatch(/pid 424242 on other-host.*no heartbeat for 120 s/);
  });

  it('an unreadable lock counts as held while fresh (being written) and is recovered when old', async () => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    const fresh = await tryAcquireFileLock(path, 'x', quick);
    expect(fresh.acquired).toBe(false);
    if (!fresh.acquired) expect(describeLockOwner(fresh.holder.owner)).toBe('an unknown holder');
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    const stale = await tryAcquireFileLock(path, 'x', quick);
    expect(stale.acquired).toBe(true);
    if (stale.acquired) held.push(stale.lock);
  });

  it('of many racing takers of a stale lock, exactly one gets it', async () => {
    mkdirSync(dirname(path), { recursive: true });
    writeLock(path, { pid: await deadPid(), hostname: hostname() });
    const attempts = await Promise.all(Array.from({ length: 8 }, () => tryAcquireFileLock(path, 'race', quick)));
    const winners = attempts.filter((a) => a.acquired);
    expect(winners).toHaveLength(1);
    for (const a of winners) if (a.acquired) held.push(a.lock);
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe(winners[0].acquired && winners[0].lock.owner.token);
  });

  it('clears a takeover mutex abandoned by a crash, so recovery is not blocked forever', async () => {
    mkdirSync(dirname(path), { recursive: true });
    writeLock(path, { pid: await deadPid(), hostname: hostname() });
    writeLock(`${path}.takeover`, { pid: 1, hostname: 'elsewhere' }, 120_000);
    const blocked = await tryAcquireFileLock(path, 'x', quick);
    expect(blocked.acquired).toBe(false);
    expect(existsSync(`${path}.takeover`)).toBe(false);
    const next = await tryAcquireFileLock(path, 'x', quick);
    expect(next.acquired).toBe(true);
    if (next.acquired) held.push(next.lock);
  });
});
