import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SourceSchema } from '../../src/schema/index.js';
import { textHash } from '../../src/years/index.js';
import { nodeWorld, type World } from '../../src/world/index.js';
import { ROOT } from './run.js';

/**
 * Issue 11 §4, a new year that starts as a draft, in process: main() with a fake World in a
 * scratch project (process.chdir: paths read as a user in the project sees them).
 */

const home = process.cwd();
let root = '';
let out: string[] = [];
let err: string[] = [];

beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  root = mkdtempSync(join(tmpdir(), 'budget-draft-'));
  process.chdir(root);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(home);
  process.exitCode = undefined;
  rmSync(root, { recursive: true, force: true });
});

const world = (): World => ({ ...nodeWorld({ env: {} }), isTTY: () => false });
const templates = ['--templates', join(ROOT, 'templates')];
const run = async (...args: string[]) => {
  out.length = 0;
  err.length = 0;
  return main(['node', 'budget', ...args], world());
};
const json = () => JSON.parse(out.join('')).results[0] as { diagnostics: { rule: string; severity: string; message: string; span?: { file: string; line: number } }[] };
const reference = (as = '2023') => cpSync(join(ROOT, 'data/2023'), join(root, 'data', as), { recursive: true });
const text = (f: string) => readFileSync(f, 'utf8');

describe('budget init --keep-amounts', () => {
  it('keeps last year’s figures as the draft: it checks, with a warning per carried-over text', async () => {
    reference();
    expect(await run('init', '2024', '--keep-amounts')).toBe(0);
    expect(text('data/2024/functional.yaml')).toContain('{code: 201, name: 一般公共服务支出, total: 4959, basic: 796');
    expect(await run('check', 'data/2024', '--format', 'json', ...templates)).toBe(0);
    const d = json().diagnostics;
    expect(d.filter((x) => x.severity === 'error')).toEqual([]);
    const carried = d.filter((x) => x.rule === 'years/carried-over');
    expect(carried.map((x) => x.message).sort()).toEqual(
      ['department.goals', 'performance.goal', 'projects.0.performance.goal', 'projects.1.performance.goal', 'prose.change_reason', 'prose.other_notes.0', 'prose.running_cost_note'].map(
        (p) => `${p} 沿用自上年，尚未复核`,
      ),
    );
    // Each warning points at the text itself.
    const reason = carried.find((x) => x.message.startsWith('prose.change_reason'))!;
    expect(text(reason.span!.file).split('\n')[reason.span!.line - 1]).toMatch(/change_reason:/);
  });

  it('the draft’s files (review: included) validate against the editor’s JSON Schema', async () => {
    const { Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(text(join(ROOT, 'schema/budget.schema.json'))));
    reference();
    await run('init', '2024', '--keep-amounts');
    expect(parse(text('data/2024/department.yaml')).review).toBeDefined();
    for (const f of readdirSync('data/2024')) expect(validate(parse(text(join('data/2024', f)))) ? [] : validate.errors, f).toEqual([]);
  });

  it('a carried-over text stops warning once edited, or once its review: line is deleted', async () => {
    reference();
    await run('init', '2024', '--keep-amounts');
    const dept = 'data/2024/department.yaml';
    const doc = parse(text(dept));
    expect(doc.review['prose.change_reason']).toBe(textHash(doc.prose.change_reason));
    writeFileSync(dept, text(dept).replace(/change_reason: (.)/, 'change_reason: 2024 年收入增加。$1').replace(/^  department\.goals: .*\n/m, ''));
    await run('check', 'data/2024', '--format', 'json', ...templates);
    const left = json().diagnostics.filter((x) => x.rule === 'years/carried-over').map((x) => x.message.split(' ')[0]);
    expect(left).not.toContain('prose.change_reason');
    expect(left).not.toContain('department.goals');
    expect(left).toHaveLength(5);
  });

  it('the optional comparison and 三公 change are left out (computed), not left blank', async () => {
    reference();
    await run('init', '2024');
    expect(parse(text('data/2024/department.yaml')).comparison).toBeUndefined();
    expect(parse(text('data/2024/other.yaml')).three_public.change).toBeUndefined();
    await run('check', 'data/2024', '--format', 'json', ...templates);
    expect(json().diagnostics.filter((x) => /comparison|three_public\.change/.test(x.message))).toEqual([]);
  });

  it('writes the yaml-language-server line, pointing at the package’s schema', async () => {
    reference();
    await run('init', '2024');
    for (const f of readdirSync('data/2024')) {
      const first = text(join('data/2024', f)).split('\n')[0];
      const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
      expect(m, f).not.toBeNull();
      expect(resolve('data/2024', m![1])).toBe(join(ROOT, 'schema', 'budget.schema.json'));
    }
  });
});

describe('the first check after init: a to-do list', () => {
  it('lists the empty amounts per file instead of one framed error each; --format json keeps each', async () => {
    reference();
    await run('init', '2024');
    expect(await run('check', 'data/2024', ...templates)).toBe(2);
    const human = out.join('');
    expect(human).toMatch(/待填写：\d+ 个金额还没有填写（空值），分布在 6 个文件中：/);
    expect(human).toMatch(/^ {2}data\/2024\/functional\.yaml +\d+ 个 {2}第 \d+、/m);
    expect(human).not.toContain('错误[shape/missing-value]');
    expect(human.split('\n').length).toBeLessThan(80);
    await run('check', 'data/2024', '--format', 'json', ...templates);
    expect(json().diagnostics.filter((x) => x.rule === 'shape/missing-value').length).toBeGreaterThan(200);
  });

  it('--max-errors N bounds the listing: the to-do files and the errors in full', async () => {
    reference();
    await run('init', '2024');
    await run('check', 'data/2024', '--max-errors', '2', ...templates);
    expect(out.join('').match(/^ {2}data\/2024\/\S+\.yaml +\d+ 个/gm)).toHaveLength(2);
    expect(out.join('')).toContain('……另有 4 个文件（--max-errors 2）');

    reference('2023');
    const f = 'data/2023/functional.yaml';
    writeFileSync(f, text(f).replace('total: 4959, basic: 796', 'total: 4999, basic: 796').replace('{code: 208, name: 社会保障和就业支出, total: 99', '{code: 208, name: 社会保障和就业支出, total: 199'));
    await run('check', 'data/2023', ...templates);
    const all = (out.join('').match(/^错误\[/gm) ?? []).length;
    expect(all).toBeGreaterThan(2);
    await run('check', 'data/2023', '--max-errors', '1', ...templates);
    expect(out.join('').match(/^错误\[/gm)).toHaveLength(1);
    expect(out.join('')).toContain(`另有 ${all - 1} 个错误未列出（--max-errors 1）`);
    expect(await run('check', 'data/2023', '--max-errors', '0')).toBe(2);
    expect(err.join('')).toContain('--max-errors');
  });
});

describe('year warnings', () => {
  it('a year that differs from the directory name; prior_year.year that is not year − 1', async () => {
    reference('2031');
    expect(await run('check', 'data/2031', '--format', 'json', ...templates)).toBe(0);
    let d = json().diagnostics.filter((x) => x.rule.startsWith('years/'));
    expect(d.map((x) => x.rule)).toEqual(['years/year-mismatch']);
    expect(d[0].span).toMatchObject({ file: join('data', '2031', 'department.yaml') });
    expect(text('data/2031/department.yaml').split('\n')[d[0].span!.line - 1]).toMatch(/^\s+year: 2023/);

    reference('2023');
    const f = 'data/2023/department.yaml';
    writeFileSync(f, text(f).replace(/(prior_year:(?:\n.*)*?\n\s+year: )2022/, '$12021'));
    await run('check', 'data/2023', '--format', 'json', ...templates);
    d = json().diagnostics.filter((x) => x.rule.startsWith('years/'));
    expect(d.map((x) => x.rule)).toEqual(['years/prior-year-year']);
    expect(d[0].message).toContain('2022');
  });
});

describe('budget init <year> --new', () => {
  /** Every key path of the format (list items as []). */
  function schemaPaths(s: z.core.$ZodType, path: string, out: Set<string>): Set<string> {
    let d = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    while (d.innerType && ['optional', 'default', 'nullable'].includes(d.type)) d = d.innerType._zod.def as typeof d;
    if (d.type === 'object') for (const [k, v] of Object.entries(d.shape!)) out.add(`${path}${k}`), schemaPaths(v, `${path}${k}.`, out);
    if (d.type === 'array') schemaPaths(d.element!, `${path}[].`, out);
    return out;
  }
  function dataPaths(v: unknown, path: string, out: Set<string>): Set<string> {
    if (Array.isArray(v)) for (const x of v) dataPaths(x, `${path}[].`, out);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.add(`${path}${k}`), dataPaths(x, `${path}${k}.`, out);
    return out;
  }

  it('writes every key of the format, with comments; the first check lists what to fill in', async () => {
    expect(await run('init', '2031', '--new')).toBe(0);
    const files = readdirSync('data/2031').sort();
    expect(files).toEqual(['department.yaml', 'economic.yaml', 'functional.yaml', 'income.yaml', 'other.yaml', 'performance.yaml', 'projects.yaml']);
    const found = new Set<string>();
    for (const f of files) {
      const t = text(join('data/2031', f));
      expect(t.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
      dataPaths(parse(t), '', found);
    }
    const expected = schemaPaths(SourceSchema, '', new Set());
    expected.delete('review'); // written by init from an earlier year only
    // A flag that excludes its sibling (ref.basic: true) is there as a commented line to uncomment.
    const all = files.map((f) => text(join('data/2031', f))).join('\n');
    expect([...expected].filter((p) => !found.has(p))).toEqual(['performance.tasks.[].ref.basic']);
    expect(all).toMatch(/^\s+# basic: true — /m);
    expect(text('data/2031/department.yaml')).toMatch(/year: 2031 # 年度/);
    // the comment names the key, not the tables or parts that print it (those are the profile's to say)
    expect(text('data/2031/department.yaml')).toMatch(/comparison: # 比上年增减；可选/);

    expect(await run('check', 'data/2031', '--format', 'json', ...templates)).toBe(2);
    const rules = new Set(json().diagnostics.map((x) => x.rule));
    expect([...rules].filter((r) => !['shape/missing-value', 'shape/missing-prior-year'].includes(r))).toEqual([]);
    await run('check', 'data/2031', ...templates);
    expect(out.join('')).toMatch(/待填写：\d+ 个金额还没有填写/);
  });

  it('refuses --from with --new, and an existing directory', async () => {
    reference();
    expect(await run('init', '2024', '--new', '--from', 'data/2023')).toBe(2);
    expect(err.join('')).toContain('--new');
    expect(await run('init', '2023', '--new')).toBe(2);
    expect(existsSync('data/2023/department.yaml')).toBe(true);
  });
});
