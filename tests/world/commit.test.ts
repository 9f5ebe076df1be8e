import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommitError, commitOutputs, nodeCommitFs, recoverOutputs, type CommitFs } from '../../src/world/index.js';

/**
 * The PDF and the XLSX as a pair (src/world/commit.ts): the protocol runs over a CommitFs, here the
 * real one wrapped so that a chosen step fails once (an error the build sees) or "kills" the build
 * (that step and every later one fail, as nothing runs after a SIGKILL). Whatever the step, the
 * folder holds the old pair or the new pair — at once after a failure, and after the next build's
 * recovery after a kill — and no temporary file, journal or lock outlives the next build.
 */

const MUTATING = ['mkdirp', 'writeNew', 'rename', 'remove', 'syncDir'] as const;

class Killed extends Error {}

interface Faulty extends CommitFs {
  readonly steps: string[];
}

/** The real file system, with process id `pid`; step `failAt` fails once, from step `killAt` on everything fails. */
function faulty(opts: { pid: number; failAt?: number; killAt?: number; dead?: readonly number[] }): Faulty {
  const real = nodeCommitFs();
  const steps: string[] = [];
  let dead = false;
  const gate = (op: string, args: readonly unknown[]) => {
    if (dead) throw new Killed('killed');
    const names = args.filter((a): a is string => typeof a === 'string').map((a) => a.split('/').pop());
    steps.push(`${op} ${names.join(' → ')}`);
    const n = steps.length;
    if (n === opts.killAt) {
      dead = true;
      throw new Killed('killed');
    }
    if (n === opts.failAt) throw Object.assign(new Error('injected EIO'), { code: 'EIO' });
  };
  const fs: Faulty = {
    ...real,
    steps,
    pid: opts.pid,
    pidAlive: (pid) => !(opts.dead ?? []).includes(pid) && real.pidAlive(pid),
    sleep: () => {},
  };
  for (const op of MUTATING) {
    const f = real[op] as (...a: unknown[]) => void;
    (fs as unknown as Record<string, unknown>)[op] = (...a: unknown[]) => {
      gate(op, a);
      return f(...a);
    };
  }
  return fs;
}

const enc = (s: string) => new TextEncoder().encode(s);
const OLD = { pdf: 'old pdf', xlsx: 'old xlsx' };
const NEW = { pdf: 'new pdf', xlsx: 'new xlsx' };
const NAME = '某某区示例局-2031-部门预算';

function setup(): { out: string; dir: string; pdf: string; xlsx: string } {
  const out = mkdtempSync(join(tmpdir(), 'budget-commit-'));
  const dir = join(out, '2031');
  mkdirSync(dir);
  const pdf = join(dir, `${NAME}.pdf`);
  const xlsx = join(dir, `${NAME}.xlsx`);
  writeFileSync(pdf, OLD.pdf);
  writeFileSync(xlsx, OLD.xlsx);
  return { out, dir, pdf, xlsx };
}

function pairOf(t: { pdf: string; xlsx: string }): 'old' | 'new' | string {
  const p = readFileSync(t.pdf, 'utf8');
  const x = readFileSync(t.xlsx, 'utf8');
  if (p === OLD.pdf && x === OLD.xlsx) return 'old';
  if (p === NEW.pdf && x === NEW.xlsx) return 'new';
  return `mixed: ${p} + ${x}`;
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.'));

function commit(fs: CommitFs, t: ReturnType<typeof setup>, pair = NEW): void {
  commitOutputs(fs, t.out, [
    { path: t.pdf, bytes: enc(pair.pdf) },
    { path: t.xlsx, bytes: enc(pair.xlsx) },
  ]);
}

// How many steps a commit takes (over an old pair, nothing to recover).
const STEPS = (() => {
  const t = setup();
  const fs = faulty({ pid: 4_000_001 });
  commit(fs, t);
  return fs.steps;
})();

describe('writing the pair', () => {
  it('replaces the old pair with the new one and leaves nothing else', () => {
    const t = setup();
    commit(nodeCommitFs(), t);
    expect(pairOf(t)).toBe('new');
    expect(leftovers(t.dir)).toEqual([]);
    expect(STEPS.length).toBeGreaterThan(8);
    // The journal is in place before the first target is replaced.
    const journal = STEPS.findIndex((s) => /^rename .* → .*\.commit$/.test(s));
    const firstTarget = STEPS.findIndex((s) => s.startsWith('rename') && s.endsWith(`→ ${NAME}.pdf`));
    expect(journal).toBeGreaterThan(0);
    expect(firstTarget).toBeGreaterThan(journal);
  });

  it.each(STEPS.map((s, i) => [i + 1, s] as const))('a failure at step %i (%s) leaves the old or the new pair, and nothing else', (k) => {
    const t = setup();
    let threw = false;
    try {
      commit(faulty({ pid: 4_000_002, failAt: k }), t);
    } catch (e) {
      threw = true;
      expect(e).toBeInstanceOf(CommitError);
      expect((e as CommitError).diagnostic.rule).toBe('output/write-failed');
    }
    const pair = pairOf(t);
    expect(['old', 'new']).toContain(pair);
    // Reported as failed exactly when the old pair is still there.
    expect(threw).toBe(pair === 'old');
    expect(leftovers(t.dir).filter((n) => !n.endsWith('.lock'))).toEqual([]);
    // The next build (another process; this one is gone) finds the folder usable and cleans up.
    commit(faulty({ pid: 4_000_003, dead: [4_000_002] }), t, NEW);
    expect(pairOf(t)).toBe('new');
    expect(leftovers(t.dir)).toEqual([]);
  });

  it.each(STEPS.map((s, i) => [i + 1, s] as const))('killed at step %i (%s): the next build finds the old or the new pair', (k) => {
    const t = setup();
    try {
      commit(faulty({ pid: 4_000_004, killAt: k }), t);
    } catch {
      /* killed: whatever it managed is on disk */
    }
    const journal = existsSync(join(t.dir, `.${NAME}.commit`));
    // Before anyone recovers: a pair, or a journal that names the new one.
    if (!journal) expect(['old', 'new']).toContain(pairOf(t));
    // The next build recovers first (here on its own, as `budget build` does before writing).
    recoverOutputs(faulty({ pid: 4_000_005, dead: [4_000_004] }), t.dir, NAME);
    const pair = pairOf(t);
    expect(['old', 'new']).toContain(pair);
    if (journal) expect(pair).toBe('new');
    expect(leftovers(t.dir)).toEqual([]);
  });

  it('a whole next build after a kill between the two renames writes its own pair and removes the dead one\'s files', () => {
    const t = setup();
    const between = STEPS.findIndex((s) => s.startsWith('rename') && s.endsWith(`→ ${NAME}.xlsx`)) + 1;
    expect(() => commit(faulty({ pid: 4_000_006, killAt: between }), t)).toThrow();
    // The reported bug: a new PDF beside the old XLSX — now with the journal that completes it.
    expect(pairOf(t)).toBe('mixed: new pdf + old xlsx');
    expect(existsSync(join(t.dir, `.${NAME}.commit`))).toBe(true);
    commit(faulty({ pid: 4_000_007, dead: [4_000_006] }), t, { pdf: 'third pdf', xlsx: 'third xlsx' });
    expect(readFileSync(t.pdf, 'utf8')).toBe('third pdf');
    expect(readFileSync(t.xlsx, 'utf8')).toBe('third xlsx');
    expect(leftovers(t.dir)).toEqual([]);
  });

  it('a full disk while writing the XLSX leaves the old pair (it used to leave the new PDF)', () => {
    const t = setup();
    const xlsxTemp = STEPS.findIndex((s) => /^writeNew .*\.xlsx\.\d+\.[0-9a-f]{8}\.tmp$/.test(s)) + 1;
    const fs = faulty({ pid: 4_000_008, failAt: xlsxTemp });
    const real = nodeCommitFs();
    // ENOSPC rather than EIO: the message says the disk is full.
    fs.writeNew = (file, bytes) => {
      fs.steps.push(`writeNew ${file.split('/').pop()}`);
      if (fs.steps.length === xlsxTemp) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      real.writeNew(file, bytes);
    };
    try {
      commit(fs, t);
      expect.unreachable();
    } catch (e) {
      expect((e as CommitError).diagnostic.message.en).toMatch(/ENOSPC/);
      expect((e as CommitError).diagnostic.help?.en).toMatch(/disk is full/);
    }
    expect(pairOf(t)).toBe('old');
    expect(leftovers(t.dir)).toEqual([]);
  });

  it('temporary files of a build that died are removed; a live build\'s are left alone', () => {
    const t = setup();
    writeFileSync(join(t.dir, `.${NAME}.pdf.4000009.0123abcd.tmp`), 'dead');
    writeFileSync(join(t.dir, `.${NAME}.xlsx.${process.pid}.0123abcd.tmp`), 'alive (this process)');
    commit(faulty({ pid: 4_000_010, dead: [4_000_009] }), t);
    expect(leftovers(t.dir)).toEqual([`.${NAME}.xlsx.${process.pid}.0123abcd.tmp`]);
  });

  it('a lock left by a dead build is taken over', () => {
    const t = setup();
    writeFileSync(join(t.dir, `.${NAME}.lock`), `4000011 ${Date.now()}\n`);
    commit(faulty({ pid: 4_000_012, dead: [4_000_011] }), t);
    expect(pairOf(t)).toBe('new');
    expect(leftovers(t.dir)).toEqual([]);
  });
});

describe('every output path resolves inside --out', () => {
  it('refuses a path that leaves --out through ..', () => {
    const t = setup();
    const outside = join(t.out, '..', `escaped-${process.pid}.pdf`);
    expect(() => commitOutputs(nodeCommitFs(), t.out, [{ path: outside, bytes: enc('x') }])).toThrow(CommitError);
    expect(existsSync(outside)).toBe(false);
  });

  it('refuses a year directory that is a symbolic link leading elsewhere', () => {
    const out = mkdtempSync(join(tmpdir(), 'budget-commit-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'budget-elsewhere-'));
    symlinkSync(elsewhere, join(out, '2031'));
    try {
      commitOutputs(nodeCommitFs(), out, [{ path: join(out, '2031', 'a.pdf'), bytes: enc('x') }]);
      expect.unreachable();
    } catch (e) {
      expect((e as CommitError).diagnostic.rule).toBe('output/outside-out');
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('accepts --out itself being a symbolic link (it is where the user asked)', () => {
    const real = mkdtempSync(join(tmpdir(), 'budget-real-'));
    const link = join(mkdtempSync(join(tmpdir(), 'budget-link-')), 'out');
    symlinkSync(real, link);
    commitOutputs(nodeCommitFs(), link, [{ path: join(link, '2031', 'a.pdf'), bytes: enc('x') }]);
    expect(readFileSync(join(real, '2031', 'a.pdf'), 'utf8')).toBe('x');
  });
});
