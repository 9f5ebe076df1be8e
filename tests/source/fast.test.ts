// The fast path must never disagree with the yaml path: wherever it accepts a text, it builds the
// same tree (values, sources, spans), and it accepts nothing yaml would report. Checked on every
// YAML file of the repository, and on thousands of generated documents, many of them mutated into
// near-misses the way a typist breaks a file.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as yamlParse } from 'yaml';
import { fastParse, resolvePlain } from '../../src/source/fast.js';
import { parseFileWithYaml } from '../../src/source/parse.js';
import { LineIndex } from '../../src/source/lines.js';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out.sort();
}

function compare(text: string, file = 'f.yaml'): 'fast' | 'declined' {
  const lines = new LineIndex(file, text);
  const fast = fastParse(lines);
  // yaml runs on every text, the ones the fast path declines too: its error path must hold on each
  const full = parseFileWithYaml(lines);
  if (!fast) return 'declined';
  const errors = full.diagnostics.filter((d) => d.severity === 'error' && d.rule !== 'input/top-level-not-map');
  if (errors.length > 0) throw new Error(`fast path accepted what yaml refuses:\n${text}\n${JSON.stringify(errors.map((d) => d.message.en))}`);
  // (node's deep strict equality first: chai's toEqual, with its diff, costs more than both parsers
  // on 6,000 documents and the 10,000-row one; it still decides, and reports, whenever they differ)
  if (fast.kind === 'map') {
    if (!isDeepStrictEqual(fast, full.root)) expect(fast, text).toEqual(full.root);
  } else expect(full.diagnostics.map((d) => d.rule)).toEqual(['input/top-level-not-map']);
  return 'fast';
}

describe('the fast path agrees with yaml', () => {
  it('on the reference data, which it accepts whole', () => {
    const files = yamlFiles('data');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(compare(readFileSync(f, 'utf8').replace(/^\ufeff/, ''), f), f).toBe('fast');
  });

  it('on every fixture (accepting or declining)', () => {
    for (const f of yamlFiles('fixtures')) {
      const bytes = readFileSync(f);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        continue; // not UTF-8: never reaches a parser
      }
      compare(text, f);
    }
  });

  it('on generated documents and their typos', () => {
    let seed = 12345;
    const r = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const good = [
      '5158', '4,959', '0.50', '-5', '0', '一般公共服务支出', '政府办公厅（室）及相关机构事务', '深圳 市', 'a b', "'4,164'", '"201"',
      '{code: 201, name: 事业运行, total: 4959}', '[301, 302]', '{total: 512, sme: 0, micro: 0}', '[]', 'true', '~', '"a b"',
    ];
    const odd = [
      '5158', '4,959', '0.50', '-5', '+3', '007', '0x1F', '0o17', '1e3', '.5', '.inf', '-.inf', '.nan', 'true', 'False', '~',
      'null', 'NULL', '一般公共服务支出', '政府办公厅（室）及相关机构事务', '深圳 市', 'a b', 'x#y', 'http://x.cn/a', '50%',
      "'4,164'", '"201"', "'it''s'", '"a b"', "''", '""', '"中文：冒号"', '2023-01-01', '-', '- x', 'a: b', ':x', '?x',
      '[1, 2]', '{a: 1}', '[]', '{}', '[a, [b, c]]', '{a: {b: 1}, c: [1]}', '{code: 201, name: 事业运行, total: 4959}',
      '&a 1', '*a', '!!str 1', '|', '>', '"a\\"b"', "'unterminated", '[1, 2', '{a: 1', 'x ', '#', 'a #c',
      '全角：冒号', '50,000.00', '1,23', '１２３',
    ];
    const scalar = () => (r() < 0.8 ? pick(good) : pick(odd));
    const commonKeys = ['name', 'code', 'total', 'basic', 'project', 'rows', '201', '2010350', '中文', 'a b'];
    const oddKeys = ['0201', '"q"', "'k'", 'true', '~', '1.0', '1', '<<', 'k  ', '-1', 'x:y', '"a"b', '? a'];
    const key = () => (r() < 0.85 ? pick(commonKeys) : pick(oddKeys));
    const comment = () => (r() < 0.15 ? `   # ${pick(['说明', 'note', '#', ''])}` : '');
    const gen = (depth: number, indent: string): string[] => {
      const kind = depth > 2 ? 'scalar' : pick(['map', 'map', 'seq', 'seqmap', 'scalar']);
      if (kind === 'scalar') return [scalar() + comment()];
      const out: string[] = [];
      const n = 1 + Math.floor(r() * 3);
      for (let i = 0; i < n; i++) {
        if (kind === 'map') {
          const child = gen(depth + 1, indent + '  ');
          const k = key();
          if (child.length === 1 && !child[0].startsWith(' ')) out.push(`${indent}${k}: ${child[0]}`);
          else out.push(`${indent}${k}:${comment()}`, ...child);
        } else if (kind === 'seq') {
          out.push(`${indent}- ${scalar()}${comment()}`);
        } else {
          out.push(`${indent}- ${key()}: ${scalar()}`, `${indent}  ${key()}: ${scalar()}`);
        }
        if (r() < 0.1) out.push(pick(['', '# comment', `${indent}  # indented comment`]));
      }
      return out;
    };
    let fast = 0;
    const total = 6000;
    for (let n = 0; n < total; n++) {
      const lines = [...gen(0, ''), ...(r() < 0.5 ? gen(0, '') : [])];
      let text = lines.join(r() < 0.2 ? '\r\n' : '\n') + (r() < 0.9 ? '\n' : '');
      if (r() < 0.4) {
        // a typo: a character inserted, deleted or doubled somewhere
        const p = Math.floor(r() * text.length);
        const op = pick(['ins', 'del', 'dup']);
        const ch = pick([' ', ':', '-', '"', "'", '#', '[', '{', ',', '\t', '\n', 'x', '&', '*']);
        text = op === 'ins' ? text.slice(0, p) + ch + text.slice(p) : op === 'del' ? text.slice(0, p) + text.slice(p + 1) : text.slice(0, p) + text[p] + text.slice(p);
      }
      if (compare(text) === 'fast') fast++;
    }
    // the fast path must still be doing real work on these, not declining everything
    expect(fast).toBeGreaterThan(total / 10);
  });

  it('reads a plain scalar of digits as yaml does, without its tags', () => {
    const digits = ['0', '7', '007', '0123', '201', '2010350', '4959', '999999999999999', '000000000000001', '1234567890123456', '99999999999999999999', '0o17', '0x1F'];
    for (const t of digits) {
      const want = yamlParse(`a: ${t}\n`, { schema: 'core', intAsBigInt: false }).a;
      expect(resolvePlain(t), t).toBe(want);
      expect(typeof want, t).toBe('number');
    }
  });

  it('declines a flow mapping that repeats a key (yaml reports it), and accepts one that does not', () => {
    // the same text, quoted or not, and the same value written two ways (1 and 1.0, 0x1 and 1)
    const repeats = ['a: {b: 1, b: 2}\n', "a: {'b': 1, b: 2}\n", 'a: {b: 1, c: 2, b: 3}\n', 'a: {1: x, 1.0: y}\n', 'a: {0x1: x, 1: y}\n', '- {code: 201, name: x, code: 202}\n'];
    for (const text of repeats) {
      expect(fastParse(new LineIndex('f.yaml', text)), text).toBeUndefined();
      expect(compare(text), text).toBe('declined');
    }
    for (const text of ['a: {b: 1, c: 2}\n', 'a: {1: x, "1.0": y}\n', 'a: {b: {b: 1}, c: {b: 2}}\n']) expect(compare(text), text).toBe('fast');
  });

  it('on hand-picked corner cases', () => {
    const cases = [
      'a: \u3000全角空格\n', 'a: x  # c\n', "a: 'x' # c\n", '"k" : 1\n', 'a:  1\n', 'a: 1 \n', 'a:\n  - x\n  - y\n',
      'a:\n- x\n- y\nb: 1\n', '- a: 1\n  b:\n    - x\n', 'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n', 'a:\nb:\n', 'a:\r\nb: 1\r\n',
      'a: [1, 2]  # c\n', 'a: {b: [1, {c: d}]}\n', 'a: {b: 1,c: 2}\n', 'a: [ 1 , 2 ]\n', 'a: { }\n', "a: ['x', \"y\"]\n",
      'a: -\n', 'a: --x\n', 'a: -x\n', 'a: x:y\n', 'a: x: y\n', 'a: [x:y]\n', 'a: {x:y}\n', 'a: b #c\n  # d\nc: 1\n',
      '#only\na: 1\n#end', 'a: 1\n\n\n', '\na: 1\n', 'a: "x"y\n', "a: 'x''y'\n", 'a: x\n  y\n', 'a:\n  x\n',
      '- 1\n- 2\n', 'x\n', 'a: 1\n b: 2\n', 'a:\n  - 1\n - 2\n', '- - 1\n', '-  a: 1\n   b: 2\n', 'a: 𠀀\nb: [𠀀, 1]\n',
      'a: 1\r\nb: {c: 2}\r\n', 'a: 1\rb: 2\n', 'a b c: 1\n', '2010350: 事业运行\n', '"a:b": 1\n', 'a: ""\n', "a: ''\n",
      'a: "x # y"\n', 'a: [1,2]\n', 'a: [1,]\n', 'a: {b: }\n', 'a: [a b, c d]\n', 'a: {b c: d e}\n', 'a: 0.50\nb: 050\n',
      'a: 1e3\nb: .5\nc: +1\nd: 0o7\ne: 0x_1\n', 'a: TRUE\nb: True\nc: tRUE\n', 'a: NaN\nb: .NaN\n', 'A: 1\na: 2\n',
    ];
    let accepted = 0;
    for (const c of cases) if (compare(c) === 'fast') accepted++;
    expect(accepted).toBeGreaterThan(cases.length / 2);
  });

  it('on a 10,000-row department', () => {
    let text = 'functional:\n  total: {total: 5158, basic: 994}\n  rows:\n';
    for (let i = 0; i < 10000; i++) text += `    - {code: ${2010000 + i}, name: 事业运行, total: 4959, basic: 796, project: 4164, procurement: {total: 512, sme: 0, micro: 0}}\n`;
    expect(compare(text)).toBe('fast');
  }, 60_000);
});
