import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { budget, scratch } from './run.js';

interface Case {
  readonly name: string;
  readonly children: string[];
}

/** The JUnit report read back with an XML parser: each suite's skipped count and its test cases. */
function junit(xml: string): { skipped: number[]; cases: Case[] } {
  const skipped: number[] = [];
  const cases: Case[] = [];
  const p = new SaxesParser();
  p.on('opentag', (t) => {
    if (t.name === 'testsuite') skipped.push(Number(t.attributes.skipped));
    else if (t.name === 'testcase') cases.push({ name: String(t.attributes.name), children: [] });
    else if (cases.length) cases[cases.length - 1].children.push(t.name);
  });
  p.write(xml).close();
  return { skipped, cases };
}

const NOT_FOR_CHECK = /^(output|batch|env)\//;

describe('JUnit lists the rules of the command, not every rule the program knows', () => {
  it('check of a consistent year: no case is skipped, none is a build or batch rule', async () => {
    const r = await budget(['check', 'data/2023', '--format', 'junit']);
    expect(r.code).toBe(0);
    const { skipped, cases } = junit(r.stdout);
    expect(skipped).toEqual([0]);
    expect(cases.filter((c) => c.children.includes('skipped')).map((c) => c.name)).toEqual([]);
    expect(cases.map((c) => c.name).filter((n) => NOT_FOR_CHECK.test(n))).toEqual([]);
    const names = cases.map((c) => c.name);
    for (const id of ['input/encoding', 'shape/unknown-key', 'sum/row-split', 'balance/income-expenditure', 'template/missing-template']) {
      expect(names).toContain(id);
    }
  });

  it('build adds its own steps, each run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'budget-junit-'));
    const r = await budget(['build', 'data/2023', '-o', out, '--only', 'xlsx', '--format', 'junit']);
    expect(r.code).toBe(0);
    const { skipped, cases } = junit(r.stdout);
    expect(skipped).toEqual([0]);
    const names = cases.map((c) => c.name);
    for (const id of ['output/render-failed', 'output/write-failed', 'env/source-date-epoch', 'sum/row-split']) expect(names).toContain(id);
    expect(names.filter((n) => n.startsWith('batch/'))).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });

  it('input that stops early: the later stages are skipped, rules of other commands are not listed', async () => {
    const dir = scratch({ 'a.yaml': 'department:\n  name: [unclosed\n' });
    const r = await budget(['check', dir, '--format', 'junit']);
    expect(r.code).toBe(2);
    const { cases } = junit(r.stdout);
    const skipped = cases.filter((c) => c.children.includes('skipped')).map((c) => c.name);
    expect(skipped).toContain('shape/unknown-key');
    expect(skipped).toContain('sum/row-split');
    expect(cases.map((c) => c.name).filter((n) => NOT_FOR_CHECK.test(n))).toEqual([]);
    expect(cases.find((c) => c.name === 'input/yaml-syntax')?.children).toContain('failure');
  });

  it('--verbose on check lists no rule that cannot apply', async () => {
    const r = await budget(['check', 'data/2023', '--verbose', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sum\/row-split +\d+/m);
    expect(r.stdout).not.toMatch(/^(output|batch|env)\/\S+/m);
    expect(r.stdout).not.toMatch(/ not run$/m);
  });
});
