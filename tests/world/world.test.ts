import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeWorld, parseSourceDateEpoch, readSources, WorldError } from '../../src/world/index.js';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-world-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const world = nodeWorld({ env: {} });

describe('listYamlFiles', () => {
  it('lists .yaml and .yml files sorted, skipping hidden files, other files and directories', () => {
    for (const f of ['b.yaml', 'a.yml', 'C.YAML', '.hidden.yaml', 'notes.txt', 'budget.yaml~']) fs.writeFileSync(path.join(tmp, f), 'x: 1\n');
    fs.mkdirSync(path.join(tmp, 'sub.yaml'));
    const r = world.listYamlFiles(tmp);
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual(['C.YAML', 'a.yml', 'b.yaml'].map((f) => path.join(tmp, f)));
  });

  it('a missing directory', () => {
    const r = world.listYamlFiles(path.join(tmp, 'nope'));
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['input/missing-dir']);
    expect(r.diagnostics[0].message.zh).toContain('不存在');
  });
});

describe('reading', () => {
  it('readFile returns the bytes; a missing file is a WorldError carrying a diagnostic', () => {
    const f = path.join(tmp, 'a.yaml');
    fs.writeFileSync(f, Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
    expect(Array.from(world.readFile(f))).toEqual([0xef, 0xbb, 0xbf, 0x61]);
    let caught: unknown;
    try {
      world.readFile(path.join(tmp, 'missing.yaml'));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WorldError);
    expect((caught as WorldError).diagnostic.rule).toBe('input/read-failed');
    expect((caught as WorldError).diagnostic.message.en).toContain('no such file');
  });

  it('readSources reads every listed file', () => {
    fs.writeFileSync(path.join(tmp, 'b.yaml'), 'b: 2\n');
    fs.writeFileSync(path.join(tmp, 'a.yaml'), 'a: 1\n');
    const r = readSources(world, tmp);
    expect(r.diagnostics).toEqual([]);
    expect(r.files.map((f) => [path.basename(f.path), new TextDecoder().decode(f.bytes)])).toEqual([
      ['a.yaml', 'a: 1\n'],
      ['b.yaml', 'b: 2\n'],
    ]);
  });
});

describe('writeAtomic', () => {
  it('creates missing directories, writes, and replaces an old file whole', () => {
    const f = path.join(tmp, 'dist', '2023', '报告.pdf');
    world.writeAtomic(f, new Uint8Array([1, 2, 3]));
    expect(Array.from(fs.readFileSync(f))).toEqual([1, 2, 3]);
    world.writeAtomic(f, 'new text');
    expect(fs.readFileSync(f, 'utf8')).toBe('new text');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['报告.pdf']); // no temporary file left
  });

  it('on failure leaves the old content untouched and no temporary file behind', () => {
    // the target is a non-empty directory: the rename over it fails after the temp file is written
    const target = path.join(tmp, 'out.pdf');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'old');
    let caught: unknown;
    try {
      world.writeAtomic(target, new Uint8Array(1000));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WorldError);
    expect((caught as WorldError).diagnostic.rule).toBe('output/write-failed');
    expect(fs.readFileSync(path.join(target, 'keep'), 'utf8')).toBe('old');
    expect(fs.readdirSync(tmp)).toEqual(['out.pdf']);
  });

  it('a parent that is a file fails cleanly', () => {
    fs.writeFileSync(path.join(tmp, 'file'), 'x');
    expect(() => world.writeAtomic(path.join(tmp, 'file', 'a.pdf'), 'x')).toThrow(WorldError);
  });

  it('a name that holds a pipe (or a device: --out /dev/full as root) is refused, not replaced by a file', () => {
    const fifo = path.join(tmp, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    let err: unknown;
    try {
      world.writeAtomic(fifo, 'x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorldError);
    expect((err as WorldError).diagnostic.message.zh).toContain('不是普通文件');
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(tmp)).toEqual(['pipe.xlsx']);
  });
});

describe('environment', () => {
  it('SOURCE_DATE_EPOCH', () => {
    expect(parseSourceDateEpoch('1672531200').date?.toISOString()).toBe('2023-01-01T00:00:00.000Z');
    expect(parseSourceDateEpoch('0').date?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(parseSourceDateEpoch(undefined)).toEqual({});
    expect(parseSourceDateEpoch('')).toEqual({});
    for (const bad of ['2023-01-01', '-5', '1.5', 'abc', '99999999999999']) {
      const r = parseSourceDateEpoch(bad);
      expect(r.date).toBeUndefined();
      expect(r.diagnostic?.rule).toBe('env/source-date-epoch');
    }
    expect(nodeWorld({ env: { SOURCE_DATE_EPOCH: '86400' } }).sourceDateEpoch().date?.toISOString()).toBe(
      '1970-01-02T00:00:00.000Z',
    );
  });

  it('NO_COLOR is honoured when set and non-empty', () => {
    expect(nodeWorld({ env: { NO_COLOR: '1' } }).noColor).toBe(true);
    expect(nodeWorld({ env: { NO_COLOR: '' } }).noColor).toBe(false);
    expect(nodeWorld({ env: {} }).noColor).toBe(false);
  });

  it('env reads the given environment; cpuCount is at least 1', () => {
    const w = nodeWorld({ env: { BUDGET_X: 'y' } });
    expect(w.env('BUDGET_X')).toBe('y');
    expect(w.env('HOME')).toBeUndefined();
    expect(w.cpuCount).toBeGreaterThanOrEqual(1);
  });
});
