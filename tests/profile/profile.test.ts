import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDir } from '../../src/compile.js';
import { parseProfile, profileFile, templateNames } from '../../src/profile/index.js';
import { nodeWorld } from '../../src/world/index.js';

const SHIPPED = readFileSync('profiles/shenzhen.yaml', 'utf8');

/** The shipped profile with one edit; the edit must match. */
function edited(from: string | RegExp, to: string): string {
  const after = SHIPPED.replace(from, to);
  if (after === SHIPPED) throw new Error(`edit matched nothing: ${from}`);
  return after;
}

/** 1-based line of the first line of `text` containing `s`. */
const lineOf = (text: string, s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;

describe('parseProfile', () => {
  it('reads the shipped default layout: nine parts, twelve tables, every template named once', () => {
    const r = parseProfile('profiles/shenzhen.yaml', SHIPPED);
    expect(r.diagnostics).toEqual([]);
    expect(r.profile!.parts).toHaveLength(9);
    expect(r.profile!.tables.map((t) => t.caption)).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9', '表10', '表11', '表十二']);
    expect(templateNames(r.profile!)).toHaveLength(11);
  });

  it('reports an unknown key at its line', () => {
    const text = edited('    funds: all\n', '    funds: all\n    colour: red\n');
    const r = parseProfile('p.yaml', text);
    expect(r.profile).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([['profile/invalid', lineOf(text, 'colour: red')]]);
    expect(r.diagnostics[0].message.en).toContain('"colour"');
  });

  it('reports a table kind the program does not have, at the kind', () => {
    const text = edited('kind: income-by-source', 'kind: income-by-fund');
    const r = parseProfile('p.yaml', text);
    expect(r.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([['profile/invalid', lineOf(text, 'income-by-fund')]]);
    expect(r.diagnostics[0].message.en).toContain('classified-by-source');
  });

  it('reports a header tree that does not fit the kind’s columns', () => {
    const text = edited('header: [预算单位, 科目编码, 科目名称, 支出总计, 基本支出, 项目支出]\n    empty_note', 'header: [预算单位, 科目名称, 支出总计, 基本支出, 项目支出]\n    empty_note');
    const r = parseProfile('p.yaml', text);
    expect(r.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([['profile/invalid', lineOf(text, 'header: [预算单位, 科目名称')]]);
    expect(r.diagnostics[0].message.en).toMatch(/6 columns; this header has 5 leaves/);
  });

  it('reports a misspelt placeholder instead of printing it', () => {
    const text = edited('title: "{year}年{department}{kind}"', 'title: "{year}年{departmnet}{kind}"');
    const r = parseProfile('p.yaml', text);
    expect(r.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([['profile/invalid', lineOf(text, '{departmnet}')]]);
    expect(r.diagnostics[0].message.en).toContain('{departmnet}');
  });

  it('refuses a key written twice, at the second one, instead of letting its last value win', () => {
    const text = SHIPPED + 'identities: []\n';
    const r = parseProfile('p.yaml', text);
    expect(r.profile).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([['input/duplicate-key', text.split('\n').length - 1]]);
  });

  it('reads the YAML as the data is read: a syntax error or a tab is an input/* finding with its line', () => {
    const r = parseProfile('p.yaml', 'description: x\ntables: [unclosed\n');
    expect(r.diagnostics.map((d) => [d.rule, d.span?.file, d.span?.line])).toEqual([['input/yaml-syntax', 'p.yaml', 2]]);
    const tab = parseProfile('p.yaml', 'description: x\n\ttables: []\n');
    expect(tab.diagnostics.map((d) => [d.rule, d.span?.line])).toEqual([['input/tab-indent', 2]]);
  });
});

describe('profileFile', () => {
  it('a bare name is a package profile; a path is relative to the data directory; none is the default', () => {
    expect(profileFile('shanghai', 'data/2031', 'profiles')).toEqual({ file: join('profiles', 'shanghai.yaml'), named: true });
    expect(profileFile('../layout.yaml', 'data/2031', 'profiles')).toEqual({ file: join('data', 'layout.yaml'), named: false });
    expect(profileFile(undefined, 'data/2031', 'profiles')).toEqual({ file: join('profiles', 'shenzhen.yaml'), named: true });
    expect(profileFile('/srv/layouts/county.yaml', 'data/2031', 'profiles')).toEqual({ file: '/srv/layouts/county.yaml', named: false });
  });
});

describe('department.profile', () => {
  function withProfile(line: string): string {
    const root = mkdtempSync(join(tmpdir(), 'budget-profile-'));
    const dir = join(root, '2023');
    cpSync('data/2023', dir, { recursive: true });
    const p = join(dir, 'department.yaml');
    const before = readFileSync(p, 'utf8');
    const after = before.replace(/^(  unit: .*)$/m, `$1\n  profile: ${line}`);
    if (after === before) throw new Error('no unit line');
    writeFileSync(p, after);
    return dir;
  }
  const opts = { strict: false, profiles: 'profiles' };

  it('naming the default layout builds as without it', () => {
    const r = checkDir(withProfile('shenzhen'), nodeWorld({ env: {} }), opts);
    expect(r.status).toBe('ok');
    expect(r.profile?.tables).toHaveLength(12);
  });

  it('an unknown name is profile/unknown at the profile line, with the likely name; the input is unusable', () => {
    const dir = withProfile('shenzen');
    const r = checkDir(dir, nodeWorld({ env: {} }), opts);
    expect(r.status).toBe('unusable');
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => [x.rule, x.span?.file, x.span?.line])).toEqual([['profile/unknown', join(dir, 'department.yaml'), 10]]);
    expect(d[0].label?.en).toBe('did you mean "shenzhen"?');
    expect(r.templates).toEqual([]);
  });

  it('a malformed profile named by path: profile/invalid in the profile file, quoted in the report, nothing built', () => {
    const dir = withProfile('../layout.yaml');
    writeFileSync(join(dir, '..', 'layout.yaml'), SHIPPED.replace('kind: income-by-source', 'kind: income-by-fund'));
    const r = checkDir(dir, nodeWorld({ env: {} }), opts);
    expect(r.status).toBe('unusable');
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => [x.rule, x.span?.file])).toEqual([['profile/invalid', join(dir, '..', 'layout.yaml')]]);
    expect(r.sources.map((f) => f.path)).toContain(join(dir, '..', 'layout.yaml'));
    expect(r.templates).toEqual([]);
  });

  it('a profile file that is not there is a read failure pointed at the profile line', () => {
    const dir = withProfile('../no-such-layout.yaml');
    const r = checkDir(dir, nodeWorld({ env: {} }), opts);
    expect(r.status).toBe('unusable');
    const d = r.diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => [x.rule, x.span?.line])).toEqual([['input/read-failed', 10]]);
  });
});
