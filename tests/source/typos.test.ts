// A typist's mistakes in data/2023, each made once in a copy held in memory: each is refused as
// unusable input (exit 2) with one diagnostic at the character to change, saying what is wrong and
// the fix — not a stack trace, not yaml's cascade of errors on the lines after the mistake. The
// places (line:column) are counted by hand from data/2023; `init` and `diff` load data the same way.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDir } from '../../src/compile.js';
import { parseSources } from '../../src/source/index.js';
import { diffCommand, initCommand } from '../../src/cli/years.js';
import { nodeWorld, type World } from '../../src/world/index.js';

const DIR = 'data/2023';

function files(file: string, from: string, to: string): Map<string, string> {
  const all = new Map(readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => [join(DIR, f), readFileSync(join(DIR, f), 'utf8')]));
  const p = join(DIR, file);
  const before = all.get(p)!;
  expect(before, `${file} holds ${JSON.stringify(from)}`).toContain(from);
  all.set(p, before.replace(from, to));
  return all;
}

function parse(file: string, from: string, to: string) {
  const all = files(file, from, to);
  return parseSources(DIR, [...all].map(([path, text]) => ({ path, bytes: new TextEncoder().encode(text) })));
}

function world(all: Map<string, string>): World {
  const real = nodeWorld({ env: {} });
  return {
    ...real,
    listYamlFiles: (d) => (all.has(join(d, 'income.yaml')) ? { files: [...all.keys()].filter((f) => f.startsWith(d + '/')), diagnostics: [] } : real.listYamlFiles(`/nonexistent/${d}`)),
    readFile: (f) => (all.has(f) ? new TextEncoder().encode(all.get(f)!) : real.readFile(f)),
  };
}

interface Case {
  what: string;
  file: string;
  from: string;
  to: string;
  rule: string;
  at: string; // line:col of the character to change
  zh: RegExp;
  en: RegExp;
  help: RegExp; // zh help
}

const CASES: Case[] = [
  {
    what: 'a full-width colon after a key (the most common typo of a Chinese input method)',
    file: 'income.yaml', from: '  total: 5158 ', to: '  total：5158 ',
    rule: 'input/full-width', at: '5:8', zh: /全角冒号「：」/, en: /full-width colon "："/, help: /^把全角冒号「：」改为半角冒号加空格「: 」/,
  },
  {
    what: 'a full-width comma between the entries of a flow mapping',
    file: 'economic.yaml', from: '{code: 30101, name', to: '{code: 30101，name',
    rule: 'input/full-width', at: '12:19', zh: /全角逗号「，」/, en: /full-width comma/, help: /^把全角逗号「，」改为半角逗号/,
  },
  {
    what: 'a full-width brace opening a row',
    file: 'economic.yaml', from: '- {code: 30101,', to: '- ｛code: 30101,',
    rule: 'input/full-width', at: '12:7', zh: /全角左花括号「｛」/, en: /full-width left brace/, help: /改为半角左花括号「\{」/,
  },
  {
    what: 'an ideographic space in the indentation',
    file: 'income.yaml', from: '  current_total: 5158', to: '　current_total: 5158',
    rule: 'input/full-width', at: '6:1', zh: /全角空格「　」/, en: /ideographic/, help: /改为半角空格/,
  },
  {
    what: 'a colon without the space after it',
    file: 'income.yaml', from: '  total: 5158 ', to: '  total:5158 ',
    rule: 'input/yaml-syntax', at: '5:8', zh: /冒号缺少空格/, en: /no space after it/, help: /“total: 5158”/,
  },
  {
    what: 'a list item without its "- "',
    file: 'economic.yaml', from: '    - {code: 30201', to: '    {code: 30201',
    rule: 'input/yaml-syntax', at: '23:5', zh: /缺少列表项的标记「- 」/, en: /lacks the list marker/, help: /加上「- 」/,
  },
  {
    what: 'a tab before a list item',
    file: 'economic.yaml', from: '    - {code: 30201', to: '\t- {code: 30201',
    rule: 'input/tab-indent', at: '23:1', zh: /制表符/, en: /tab/, help: /空格/,
  },
  {
    what: 'a list item indented one space less than its siblings (once a crash in the error path of yaml)',
    file: 'economic.yaml', from: '    - {code: 30201', to: '   - {code: 30201',
    rule: 'input/yaml-syntax', at: '23:1', zh: /缩进了 3 个空格.*缩进了 4 个空格/, en: /indentation of this line is 3 spaces/, help: /缩进 4 个空格/,
  },
  {
    what: 'a key indented one space more than its siblings',
    file: 'income.yaml', from: '  current_total: 5158', to: '   current_total: 5158',
    rule: 'input/yaml-syntax', at: '6:1', zh: /缩进了 3 个空格/, en: /indentation of this line is 3 spaces/, help: /缩进 2 个空格/,
  },
  {
    what: 'a doubled brace',
    file: 'economic.yaml', from: '    - {code: 30201', to: '    - {{code: 30201',
    rule: 'input/yaml-syntax', at: '23:7', zh: /花括号「\{」没有对应的结束符号/, en: /never closed/, help: /补上「\}」/,
  },
  {
    what: 'a lost closing brace',
    file: 'economic.yaml', from: 'total: 270, basic: 270, project: 0}', to: 'total: 270, basic: 270, project: 0',
    rule: 'input/yaml-syntax', at: '12:7', zh: /没有对应的结束符号/, en: /never closed/, help: /补上「\}」/,
  },
  {
    what: 'a list marker on the line of its key',
    file: 'department.yaml', from: '  unit: 万元', to: '  unit: - 万元',
    rule: 'input/yaml-syntax', at: '9:9', zh: /不能和键“unit”写在同一行/, en: /same line as its key "unit"/, help: /写成“unit: 万元”/,
  },
  {
    what: 'a tag that makes a quoted text a number',
    file: 'income.yaml', from: '  total: 5158 ', to: '  total: !!int "5158" ',
    rule: 'input/tag', at: '5:10', zh: /“!!int”/, en: /no YAML tags/, help: /删除“!!int”和引号：数字直接写，例如 5158/,
  },
  {
    what: 'a tag on the year (once a crash: Invalid time value)',
    file: 'department.yaml', from: '  year: 2023', to: '  year: !!int "2023"',
    rule: 'input/tag', at: '8:9', zh: /!!int/, en: /tag/, help: /例如 2023/,
  },
  {
    what: 'a text starting with "!" (an unknown tag that would swallow the text)',
    file: 'department.yaml', from: '  unit: 万元', to: '  unit: !万元',
    rule: 'input/tag', at: '9:9', zh: /标签/, en: /tag/, help: /放在引号里/,
  },
  {
    what: 'a quote closed with a full-width quote',
    file: 'department.yaml', from: '  unit: 万元', to: '  unit: "万元”',
    rule: 'input/yaml-syntax', at: '9:9', zh: /引号 " 没有闭合/, en: /never closed/, help: /全角右引号「”」/,
  },
];

describe('a typo is one diagnostic at the character to change, with the fix', () => {
  for (const c of CASES) {
    it(c.what, () => {
      const r = parse(c.file, c.from, c.to);
      expect(r.tree).toBeUndefined();
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.rule} ${d.span?.file}:${d.span?.line}:${d.span?.col}`)).toEqual([`${c.rule} ${join(DIR, c.file)}:${c.at}`]);
      const d = errors[0];
      expect(d.message.zh).toMatch(c.zh);
      expect(d.message.en).toMatch(c.en);
      expect(d.help?.zh).toMatch(c.help);
      expect(d.help?.en).toBeTruthy();
    });
  }

  it('the whole check of such a copy is unusable input (exit 2), not an internal error', () => {
    for (const c of CASES) {
      const r = checkDir(DIR, world(files(c.file, c.from, c.to)), { strict: false, templates: 'templates', profiles: 'profiles' });
      expect(r.status, c.what).toBe('unusable');
    }
  });
});

describe('a typo that is still YAML (a key with a full-width colon) is named by the shape check', () => {
  it('in a flow mapping: {code：30101, …} has the key "code：30101"', () => {
    const r = checkDir(DIR, world(files('economic.yaml', '{code: 30101,', '{code：30101,')), { strict: false, templates: 'templates', profiles: 'profiles' });
    expect(r.status).toBe('unusable');
    const d = r.diagnostics.find((x) => x.message.en.includes('code：30101'))!;
    expect(`${d.rule} ${d.span?.line}:${d.span?.col}`).toBe('shape/unknown-key 12:12');
    expect(d.help?.zh).toBe('把全角冒号「：」改为半角冒号加空格「: 」：写成 “code: 30101”');
  });

  it('full-width digits in a figure: which character, and the figure in ASCII digits', () => {
    const r = checkDir(DIR, world(files('income.yaml', '  total: 5158 ', '  total: ５１58 ')), { strict: false, templates: 'templates', profiles: 'profiles' });
    expect(r.status).toBe('unusable');
    const d = r.diagnostics.find((x) => x.rule === 'shape/wrong-type')!;
    expect(`${d.span?.line}:${d.span?.col}`).toBe('5:10');
    expect(d.message.zh).toContain('全角字符「５」');
    expect(d.help?.zh).toBe('把全角数字「５」改为半角数字「5」：写成 5158');
  });
});

describe('budget init and budget diff load data the same way', () => {
  afterEach(() => vi.restoreAllMocks());
  it('init: reports the typo with its place, exits 2 and writes nothing', () => {
    const all = files('department.yaml', '  unit: 万元', '  unit: - 万元');
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const writes: string[] = [];
    const w = { ...world(all), writeAtomic: (f: string) => void writes.push(f) };
    const code = initCommand('2024', { from: DIR, to: 'never/2024', lang: 'en' }, w);
    expect(code).toBe(2);
    expect(err.join('')).toContain('data/2023/department.yaml:9:9');
    expect(err.join('')).toContain('same line as its key "unit"');
    expect(writes).toEqual([]);
  });

  it('reports the typo with its place and exits 2', () => {
    const all = files('income.yaml', '  total: 5158 ', '  total：5158 ');
    // the other side: fixtures/reference-2022 as it is
    for (const f of readdirSync('fixtures/reference-2022')) all.set(join('fixtures/reference-2022', f), readFileSync(join('fixtures/reference-2022', f), 'utf8'));
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = diffCommand('fixtures/reference-2022', DIR, { format: 'human', lang: 'zh' }, world(all));
    expect(code).toBe(2);
    expect(err.join('')).toContain('data/2023/income.yaml:5:8');
    expect(err.join('')).toContain('全角冒号');
  });
});
