import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import {
  annotation,
  buildCatalog,
  escapeData,
  escapeProperty,
  exitCodeOf,
  formatExplain,
  formatGithub,
  formatHuman,
  formatJson,
  formatJunit,
  JSON_FORMAT_VERSION,
  statusOf,
  suggestRules,
  type RuleDoc,
} from '../../src/diagnostics/index.js';
import { ECONOMIC, FUNCTIONAL, ROUNDING_NOTE, SHAPE_ERROR, SUM_ERROR, result } from './sample.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Golden files (TypeScript-style baselines): the report as the user sees it, each finding under its
 * source line. A changed report fails until the baseline is regenerated with UPDATE_BASELINES=1
 * and the diff reviewed.
 */
function baseline(name: string, actual: string): void {
  const file = join(here, '__baselines__', name);
  if (process.env.UPDATE_BASELINES || !existsSync(file)) {
    if (!process.env.UPDATE_BASELINES) throw new Error(`missing baseline ${name}: run with UPDATE_BASELINES=1 and review it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const doc = (id: string, severity: RuleDoc['severity'] = 'error'): RuleDoc => ({
  id,
  severity,
  title: { zh: `${id} 标题`, en: `${id} title` },
  explain: { zh: '说明', en: 'explanation' },
  example: { zh: '例子', en: 'example' },
});
const RULES = [doc('sum/basic-project'), doc('sum/parent-children'), doc('template/unknown-variable')];
const ANSI = /\u001b\[/;

describe('human', () => {
  it('matches the Chinese baseline', () => {
    baseline('human-zh.txt', formatHuman([result()], { lang: 'zh', color: 0, rules: RULES }));
  });
  it('matches the English verbose baseline (notes framed, rules listed)', () => {
    baseline('human-en-verbose.txt', formatHuman([result()], { lang: 'en', color: 0, verbose: true, rules: RULES }));
  });

  it('puts the primary caret under the figure, counting Chinese characters as two columns', () => {
    const out = formatHuman([result()], { lang: 'en', color: 0, verbose: true });
    const lines = out.split('\n');
    const src = lines.findIndex((l) => l.includes('basic: 28'));
    // "  - { code: "30201", name: 办公费, basic: " is 39 characters, three of them wide: 42 columns.
    const gutter = '3 | '.length; // the gutter of a one-digit line number
    const under = lines[src + 1];
    expect(under.indexOf('--')).toBe(gutter + 42);
    const total = lines.findIndex((l) => l.includes('total: 4959'));
    expect(lines[total + 1].indexOf('^^^^')).toBe(lines[total].indexOf('4959'));
  });

  it('shows the figures, the difference, the tables fed, the help and the balance', () => {
    const out = formatHuman([result()], { lang: 'zh', color: 0 });
    expect(out).toContain('错误[sum/basic-project]');
    expect(out).toContain('--> data/2023/functional.yaml:5:12');
    expect(out).toContain('合计 4,959；基本支出 + 项目支出 4,960');
    expect(out).toContain('差额（申报 − 计算）：-1');
    expect(out).toContain('影响：表3、表7');
    expect(out).toContain('建议：核对表3该行的合计与两栏数字');
    expect(out).toContain('收入总计 5,158 = 支出总计 5,158 万元');
    expect(out).toContain('1 个错误，0 个警告，1 个注记（尾数误差）');
    // the rounding note stays compact: position and figures with the difference, no frame
    expect(out).toContain('注记[sum/parent-children]');
    expect(out).toContain('--> data/2023/economic.yaml:2:42');
    expect(out).toContain('申报 27；下级合计 28；差额 -1');
    expect(out).not.toContain('basic: 28 }');
    // errors come last, right above the summary
    expect(out.indexOf('注记[')).toBeLessThan(out.indexOf('错误['));
  });

  it('prints an unequal balance with ≠ and a finding without position without a frame', () => {
    const r = result({ balance: { income: '5158', expenditure: '5157.5', unit: '万元' }, diagnostics: [SHAPE_ERROR] });
    const out = formatHuman([r], { lang: 'en', color: 0 });
    expect(out).toContain('income total 5,158 ≠ expenditure total 5,157.5 (10,000 yuan)');
    expect(out).toMatch(/^error\[shape\/unknown-key\]: unknown key "totl"\n {2}= help: did you mean "total"\?$/m);
  });

  it('colours only when asked', () => {
    expect(formatHuman([result()], { lang: 'zh', color: 0 })).not.toMatch(ANSI);
    expect(formatHuman([result()], { lang: 'zh', color: 1 })).toMatch(ANSI);
  });

  it('lists a rule that did not run as not run, never as a pass', () => {
    const out = formatHuman([result()], { lang: 'en', color: 0, verbose: true, rules: RULES });
    expect(out).toMatch(/^template\/unknown-variable +not run$/m);
    expect(out).toMatch(/^sum\/parent-children +120 +1$/m);
  });

  it('lists related places beyond twelve as see-also lines with file:line:col', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ span: { ...SUM_ERROR.span!, line: 6 + (i % 2) }, label: { zh: `部分${i}`, en: `part ${i}` } }));
    const out = formatHuman([result({ diagnostics: [{ ...SUM_ERROR, related: many }] })], { lang: 'en', color: 0 });
    expect(out.match(/^ {2}= see also: data\/2023\/functional\.yaml:\d+:12 part 1[23]$/gm)).toHaveLength(2);
    expect(out).toContain('--- part 11');
  });

  it('shows related places in other files under :::', () => {
    const d = { ...SUM_ERROR, related: [...SUM_ERROR.related, { span: ROUNDING_NOTE.span!, label: { zh: '经济分类', en: 'economic' } }] };
    const out = formatHuman([result({ diagnostics: [d] })], { lang: 'en', color: 0 });
    expect(out).toContain('::: data/2023/economic.yaml:2:42');
  });
});

describe('json', () => {
  const report = JSON.parse(formatJson([result()], { lang: 'en', rules: RULES }));
  it('has the documented shape', () => {
    expect(report.version).toBe(JSON_FORMAT_VERSION);
    expect(report.ok).toBe(false);
    const r = report.results[0];
    expect(Object.keys(r)).toEqual(['dir', 'department', 'year', 'status', 'ok', 'balance', 'counts', 'diagnostics', 'rules', 'outputs', 'build']);
    expect(r.balance).toEqual({ income: '5158', expenditure: '5158', unit: '万元', equal: true });
    expect(r.counts).toEqual({ error: 1, warning: 0, note: 1 });
    const d = r.diagnostics[0];
    expect(Object.keys(d)).toEqual(['severity', 'rule', 'message', 'span', 'label', 'related', 'figures', 'difference', 'feeds', 'help', 'origin']);
    expect(d).toMatchObject({
      severity: 'error',
      rule: 'sum/basic-project',
      span: { file: 'data/2023/functional.yaml', line: 5, column: 12, endLine: 5, endColumn: 16 },
      difference: '-1',
      feeds: ['表3', '表7'],
    });
    expect(d.figures[1]).toEqual({ label: 'basic + project', value: '4960', span: null, origin: null });
    // without an import's record (src/origins) no figure names a workbook cell
    expect(d.origin).toBeNull();
    expect(r.rules).toContainEqual({ id: 'template/unknown-variable', ran: false, checked: 0, findings: 0 });
    expect(r.rules).toContainEqual({ id: 'sum/basic-project', ran: true, checked: 40, findings: 1 });
  });
});

describe('github', () => {
  it('annotates each finding on its line, notes as notices', () => {
    const lines = formatGithub([result()], { lang: 'en' }).trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=data\/2023\/functional\.yaml,line=5,col=12,endLine=5,endColumn=16,title=sum\/basic-project::201: the total/);
    expect(lines[1]).toMatch(/^::notice file=data\/2023\/economic\.yaml,line=2,col=42,.*title=sum\/parent-children::/);
    expect(lines[0]).toContain('%0Afigures'.replace('figures', 'total 4,959'));
    expect(lines).toContain('income total 5,158 = expenditure total 5,158 (10,000 yuan)');
  });
  it('annotates warnings as ::warning and a finding without position without file', () => {
    expect(annotation({ ...SHAPE_ERROR, severity: 'warning' }, 'en')).toBe('::warning title=shape/unknown-key::unknown key "totl"%0Ahelp: did you mean "total"?');
  });

  it('escapes % CR LF in messages and , : in properties', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    const d = { ...SHAPE_ERROR, message: { zh: '100% 错\n误', en: 'x' }, span: { ...SUM_ERROR.span!, file: 'data/a,b:c.yaml' } };
    const line = annotation(d, 'zh');
    expect(line).toContain('file=data/a%2Cb%3Ac.yaml,');
    expect(line).toContain('::100%25 错%0A误');
    expect(line).not.toMatch(/[\r\n]/);
  });
});

describe('junit', () => {
  function parse(xml: string) {
    const p = new SaxesParser();
    const cases: { name: string; children: string[] }[] = [];
    const stack: string[] = [];
    let suites = 0;
    p.on('opentag', (t) => {
      if (t.name === 'testsuite') suites++;
      if (t.name === 'testcase') cases.push({ name: String(t.attributes.name), children: [] });
      else if (stack.at(-1) === 'testcase') cases.at(-1)!.children.push(t.name);
      stack.push(t.name);
    });
    p.on('closetag', () => stack.pop());
    p.write(xml).close(); // throws on malformed XML
    return { suites, cases };
  }
  it('is well-formed, one case per rule, failures for errors, skipped for rules that did not run', () => {
    const weird = { ...SUM_ERROR, message: { zh: 'a < b & "c" \u0001', en: 'x' } };
    const { suites, cases } = parse(formatJunit([result({ diagnostics: [weird, ROUNDING_NOTE] })], { lang: 'zh', rules: RULES }));
    expect(suites).toBe(1);
    expect(cases.map((c) => c.name)).toEqual(['sum/basic-project', 'sum/parent-children', 'template/unknown-variable']);
    expect(cases[0].children).toEqual(['failure']);
    expect(cases[1].children).toEqual(['system-out']);
    expect(cases[2].children).toEqual(['skipped']);
  });
  it('fails notes too under --strict', () => {
    const { cases } = parse(formatJunit([result()], { lang: 'zh', rules: RULES, strict: true }));
    expect(cases[1].children).toEqual(['failure']);
  });
});

describe('status and exit codes', () => {
  it('decides the status once', () => {
    expect(statusOf(false, [], false)).toBe('unusable');
    expect(statusOf(true, [SUM_ERROR], false)).toBe('failed');
    expect(statusOf(true, [ROUNDING_NOTE], false)).toBe('ok');
    expect(statusOf(true, [ROUNDING_NOTE], true)).toBe('failed');
    expect(exitCodeOf([result({ status: 'ok' }), result({ status: 'unusable' }), result({ status: 'failed' })])).toBe(2);
    expect(exitCodeOf([result({ status: 'ok' })])).toBe(0);
  });
});

describe('catalog', () => {
  it('reports duplicate ids with the stages defining them', () => {
    const c = buildCatalog([
      { stage: 'check', rules: [doc('sum/a'), doc('sum/b')] },
      { stage: 'schema', rules: [doc('sum/a')] },
    ]);
    expect(c.rules.map((r) => r.id)).toEqual(['sum/a', 'sum/b']);
    expect(c.duplicates).toEqual([{ id: 'sum/a', stages: ['check', 'schema'] }]);
  });
  it('suggests close ids', () => {
    expect(suggestRules('sum/basic-projcet', RULES)).toEqual(['sum/basic-project']);
    expect(suggestRules('parent-children', RULES)).toEqual(['sum/parent-children']);
    expect(suggestRules('zzz/qqq', RULES)).toEqual([]);
  });
  it('explains a rule with its example', () => {
    const out = formatExplain(doc('sum/a', 'note'), 'zh');
    expect(out).toBe('sum/a: sum/a 标题\n严重程度: 注记\n\n说明\n\n示例:\n\n    例子\n');
  });
});

void FUNCTIONAL;
void ECONOMIC;
