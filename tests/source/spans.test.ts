// Positions are the product of this stage: every scalar keeps its exact text and place. The
// expected lines and columns are counted by hand from the fixtures (see fixtures/input/make.py).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  parseSources, toPlain, nodeAt, keySpan, lineText, keyText,
  type MapNode, type Node, type ScalarNode, type SourceTree,
} from '../../src/source/index.js';

function parseDir(dir: string, names: string[]): SourceTree {
  const files = names.map((n) => ({ path: `${dir}/${n}`, bytes: new Uint8Array(readFileSync(`${dir}/${n}`)) }));
  const r = parseSources(dir, files);
  expect(r.diagnostics).toEqual([]);
  expect(r.tree).toBeDefined();
  return r.tree!;
}

function parseText(text: string, path = 'mem/a.yaml'): SourceTree {
  const r = parseSources('mem', [{ path, bytes: new TextEncoder().encode(text) }]);
  expect(r.diagnostics).toEqual([]);
  return r.tree!;
}

function scalar(tree: SourceTree, ...path: (string | number)[]): ScalarNode {
  const at = nodeAt(tree.root, path);
  expect(at.exists).toBe(true);
  expect(at.node.kind).toBe('scalar');
  return at.node as ScalarNode;
}

/** The invariant every span keeps: the spanned text of the file is the scalar's source. */
function spanned(tree: SourceTree, n: Node): string {
  const file = tree.files.find((f) => f.path === n.span.file)!;
  return file.text.slice(n.span.offset, n.span.offset + n.span.length);
}

function place(n: Node) {
  const s = n.span;
  return `${s.line}:${s.col}-${s.endLine}:${s.endCol}`;
}

describe('CRLF line ends: positions as an editor shows them', () => {
  const tree = parseDir('fixtures/input/crlf-line-ends', ['budget.yaml']);

  it('keeps the text as written (CRLF) and strips nothing', () => {
    expect(tree.files[0].text).toContain('\r\n');
    expect(lineText(tree.files[0], 6)).toBe('  basic: 0.50');
  });

  it('a Chinese string', () => {
    const n = scalar(tree, 'department', 'name');
    expect([n.source, n.value, n.quoted]).toEqual(['示例单位', '示例单位', false]);
    expect(place(n)).toBe('2:9-2:13');
    expect(spanned(tree, n)).toBe('示例单位');
  });

  it('an integer on line 5', () => {
    const n = scalar(tree, 'totals', 'income');
    expect([n.source, n.value, n.quoted]).toEqual(['5158', 5158, false]);
    expect(place(n)).toBe('5:11-5:15');
    expect(n.span.file).toBe('fixtures/input/crlf-line-ends/budget.yaml');
  });

  it('a decimal keeps its written precision in source', () => {
    const n = scalar(tree, 'totals', 'basic');
    expect([n.source, n.value, n.quoted]).toEqual(['0.50', 0.5, false]);
    expect(place(n)).toBe('6:10-6:14');
    expect(spanned(tree, n)).toBe('0.50');
  });

  it('a single-quoted string: source is exactly as written, quotes included', () => {
    const n = scalar(tree, 'totals', 'note');
    expect([n.source, n.value, n.quoted]).toEqual(["'4,959'", '4,959', true]);
    expect(place(n)).toBe('7:9-7:16');
  });

  it('keys are scalars with spans', () => {
    const totals = keySpan(tree.root, 'totals')!;
    expect(`${totals.file}:${totals.line}:${totals.col}`).toBe('fixtures/input/crlf-line-ends/budget.yaml:4:1');
    const at = nodeAt(tree.root, ['totals', 'basic']);
    expect(at.key && place(at.key)).toBe('6:3-6:8');
  });
});

describe('UTF-8 BOM: stripped, columns start at 1', () => {
  const tree = parseDir('fixtures/input/utf8-bom', ['budget.yaml']);

  it('the text has no BOM', () => {
    expect(tree.files[0].text.charCodeAt(0)).not.toBe(0xfeff);
    expect(tree.files[0].text.startsWith('department:')).toBe(true);
  });

  it('the first key is at 1:1, offset 0', () => {
    const s = keySpan(tree.root, 'department')!;
    expect([s.line, s.col, s.offset, s.length]).toEqual([1, 1, 0, 'department'.length]);
  });

  it('scalars', () => {
    const name = scalar(tree, 'department', 'name');
    expect([name.source, place(name)]).toEqual(['示例单位', '2:9-2:13']);
    const income = scalar(tree, 'totals', 'income');
    expect([income.source, income.value, place(income)]).toEqual(['5158', 5158, '5:11-5:15']);
    expect(spanned(tree, income)).toBe('5158');
  });
});

describe('numbers as written', () => {
  const tree = parseDir('fixtures/input/number-as-string-with-separator', ['budget.yaml']);

  it('a quoted number with a thousands separator stays a quoted string', () => {
    const n = scalar(tree, 'functional', 0, 'project');
    expect([n.source, n.value, n.quoted]).toEqual(['"4,164"', '4,164', true]);
    expect(place(n)).toBe('5:14-5:21');
  });

  it('a plain number with a thousands separator is a plain string in the core schema', () => {
    const n = scalar(tree, 'functional', 0, 'total');
    expect([n.source, n.value, n.quoted]).toEqual(['4,959', '4,959', false]);
    expect(place(n)).toBe('6:12-6:17');
  });

  it('a plain integer and a quoted code', () => {
    const basic = scalar(tree, 'functional', 0, 'basic');
    expect([basic.source, basic.value, basic.quoted, place(basic)]).toEqual(['796', 796, false, '4:12-4:15']);
    const code = scalar(tree, 'functional', 0, 'code');
    expect([code.source, code.value, code.quoted]).toEqual(['"201"', '201', true]);
  });

  it('core schema values; source never loses digits', () => {
    const tree = parseText(
      'a: 2010350\nb: 0.50\nc: 12345678901234567890.12\nd: true\ne: ~\nf:\ng: "x"\nh: |\n  两行\n  文字\ni: 1e3\nj: -0\n',
    );
    const get = (k: string) => scalar(tree, k);
    expect(get('a').value).toBe(2010350);
    expect(get('c').source).toBe('12345678901234567890.12');
    expect(get('d').value).toBe(true);
    expect(get('e').value).toBeNull();
    expect([get('f').value, get('f').source, place(get('f'))]).toEqual([null, '', '6:3-6:3']);
    expect(get('g').quoted).toBe(true);
    const h = get('h');
    expect([h.value, h.quoted, h.source, place(h)]).toEqual(['两行\n文字\n', true, '|\n  两行\n  文字', '8:4-10:5']);
    expect(get('i').value).toBe(1000);
    expect(get('j').source).toBe('-0');
  });

  it('code keys keep their written digits', () => {
    const tree = parseText('codes:\n  0201: a\n  2010350: b\n  "301": c\n  true: d\n');
    const codes = nodeAt(tree.root, ['codes']).node as MapNode;
    expect(codes.entries.map((e) => keyText(e.key))).toEqual(['0201', '2010350', '301', 'true']);
    expect(toPlain(codes)).toEqual({ '0201': 'a', '2010350': 'b', '301': 'c', true: 'd' });
    expect(nodeAt(tree.root, ['codes', '0201']).exists).toBe(true);
  });

  it('201 and 0201 are the same YAML key (the integer 201): a duplicate, with both places', () => {
    const r = parseSources('m', [{ path: 'm/a.yaml', bytes: new TextEncoder().encode('codes:\n  0201: a\n  201: b\n') }]);
    expect(r.diagnostics.map((d) => [d.rule, `${d.span?.line}:${d.span?.col}`, d.related.map((x) => `${x.span.line}:${x.span.col}`)])).toEqual([
      ['input/duplicate-key', '3:3', ['2:3']],
    ]);
  });
});

describe('columns count characters, not UTF-16 units', () => {
  it('a character outside the BMP (CJK Extension B) is one column', () => {
    const tree = parseText('a: [𠀀, 5]\n');
    const n = scalar(tree, 'a', 1);
    expect([n.source, place(n)]).toEqual(['5', '1:8-1:9']);
    expect(spanned(tree, n)).toBe('5');
  });
});

describe('merging the files of a directory', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('sections in path order, whatever order the files come in', () => {
    const r = parseSources('d', [
      { path: 'd/b.yaml', bytes: enc('projects:\n  - name: x\n') },
      { path: 'd/a.yaml', bytes: enc('department:\n  name: y\ntotals: {income: 1}\n') },
    ]);
    expect(r.diagnostics).toEqual([]);
    const root = r.tree!.root;
    expect(root.entries.map((e) => `${keyText(e.key)}@${e.key.span.file}:${e.key.span.line}`)).toEqual([
      'department@d/a.yaml:1',
      'totals@d/a.yaml:3',
      'projects@d/b.yaml:1',
    ]);
    expect(r.tree!.files.map((f) => f.path)).toEqual(['d/a.yaml', 'd/b.yaml']);
    expect(toPlain(root)).toEqual({ department: { name: 'y' }, totals: { income: 1 }, projects: [{ name: 'x' }] });
  });

  it('no files at all', () => {
    const r = parseSources('d', []);
    expect(r.tree).toBeUndefined();
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['input/no-yaml-files']);
  });

  it('a bad file stops the tree but the other files still report', () => {
    const r = parseSources('d', [
      { path: 'd/a.yaml', bytes: enc('a:\n\tb: 1\n') },
      { path: 'd/b.yaml', bytes: enc('c: 1\nc: 2\n') },
    ]);
    expect(r.tree).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.rule} ${d.span?.file}:${d.span?.line}:${d.span?.col}`)).toEqual([
      'input/tab-indent d/a.yaml:2:1',
      'input/duplicate-key d/b.yaml:2:1',
    ]);
  });
});

describe('nodeAt: zod issue paths back to nodes', () => {
  const tree = parseText('department:\n  name: x\nfunctional:\n  - code: "201"\n    rows:\n      - 1\n      - 2\n');

  it('an existing path', () => {
    const at = nodeAt(tree.root, ['functional', 0, 'rows', 1]);
    expect(at.exists).toBe(true);
    expect(at.depth).toBe(4);
    expect((at.node as ScalarNode).source).toBe('2');
    expect(place(at.node)).toBe('7:9-7:10');
  });

  it('a missing key points at the map that should hold it, and its key', () => {
    const at = nodeAt(tree.root, ['department', 'unit']);
    expect(at.exists).toBe(false);
    expect(at.depth).toBe(1);
    expect(at.node.kind).toBe('map');
    expect(place(at.node)).toBe('2:3-2:10');
    expect(at.key?.source).toBe('department');
  });

  it('an index past the end of a list stops at the list', () => {
    const at = nodeAt(tree.root, ['functional', 3, 'code']);
    expect([at.exists, at.depth, at.node.kind, at.key?.source]).toEqual([false, 1, 'seq', 'functional']);
  });

  it('a path through a scalar stops at the scalar', () => {
    const at = nodeAt(tree.root, ['department', 'name', 'first']);
    expect([at.exists, at.depth, (at.node as ScalarNode).source]).toEqual([false, 2, 'x']);
  });

  it('the empty path is the root', () => {
    expect(nodeAt(tree.root, []).node).toBe(tree.root);
  });
});

describe('toPlain', () => {
  it('a key named __proto__ stays an ordinary key', () => {
    const plain = toPlain(parseText('__proto__: {polluted: 1}\n').root) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
