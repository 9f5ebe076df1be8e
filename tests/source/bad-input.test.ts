// Each fixture under fixtures/input/ breaks one thing; each test asserts the rule id, the file,
// the line and the column a user would be sent to (worked out by hand from the fixture's bytes,
// see fixtures/input/make.py).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseSources, inputRules, lineText } from '../../src/source/index.js';
import { MAX_DEPTH } from '../../src/source/depth.js';
import { nodeWorld, readSources } from '../../src/world/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const world = nodeWorld({ env: {} });

function load(name: string) {
  const dir = `fixtures/input/${name}`;
  const read = readSources(world, dir);
  expect(read.diagnostics).toEqual([]);
  return parseSources(dir, read.files);
}

function only(diags: readonly Diagnostic[]): Diagnostic {
  expect(diags.map((d) => d.rule)).toHaveLength(1);
  return diags[0];
}

function at(d: Diagnostic): string {
  return d.span ? `${d.span.file}:${d.span.line}:${d.span.col}` : '(no position)';
}

describe('bad input is refused with a clear diagnostic at the right place', () => {
  it('malformed YAML (a key indented one space less than its siblings)', () => {
    const r = load('malformed-yaml');
    expect(r.tree).toBeUndefined();
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/yaml-syntax');
    expect(d.severity).toBe('error');
    expect(at(d)).toBe('fixtures/input/malformed-yaml/budget.yaml:4:1');
    expect(d.message.zh).toContain('缩进');
    expect(d.message.en).toContain('indentation');
  });

  it('an unclosed quote points at the opening quote, not at the end of the file', () => {
    const d = only(load('unclosed-quote').diagnostics);
    expect(d.rule).toBe('input/yaml-syntax');
    expect(at(d)).toBe('fixtures/input/unclosed-quote/budget.yaml:2:9');
    expect(d.message.en).toContain('quote');
    // where yaml noticed it: past the last line
    expect(d.related.map((x) => `${x.span.line}:${x.span.col}`)).toEqual(['4:1']);
  });

  it('an unclosed bracket points at the opening bracket', () => {
    const d = only(load('unclosed-bracket').diagnostics);
    expect(d.rule).toBe('input/yaml-syntax');
    expect(at(d)).toBe('fixtures/input/unclosed-bracket/budget.yaml:2:10');
    expect(d.message.zh).toContain('[');
  });

  it('a tab used for indentation says so and says to use spaces', () => {
    const d = only(load('tab-indent').diagnostics);
    expect(d.rule).toBe('input/tab-indent');
    expect(at(d)).toBe('fixtures/input/tab-indent/budget.yaml:3:1');
    expect(d.message.zh).toContain('制表符');
    expect(d.help?.zh).toContain('空格');
    expect(d.help?.en).toContain('spaces');
  });

  it('a GBK-encoded file: not UTF-8, probably GBK, with the iconv fix', () => {
    // independent check that the fixture really is GBK
    const bytes = readFileSync('fixtures/input/gbk-encoding/budget.yaml');
    expect(new TextDecoder('gbk').decode(bytes)).toContain('name: 示例单位');
    const r = load('gbk-encoding');
    expect(r.tree).toBeUndefined();
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/encoding');
    // "  name: " is 8 bytes; the GBK text 示例单位 starts at the 9th column of line 2
    expect(at(d)).toBe('fixtures/input/gbk-encoding/budget.yaml:2:9');
    expect(d.message.en).toContain('not UTF-8');
    expect(d.message.en).toContain('GBK');
    expect(d.message.zh).toContain('GBK');
    expect(d.label?.zh).toContain('示例单位');
    expect([d.span?.endLine, d.span?.endCol]).toEqual([2, 13]); // the whole GBK word
    expect(d.help?.en).toContain('iconv -f GBK -t UTF-8');
    // the file is still offered for a code frame, read as GBK, and the span points into that text
    expect(r.files.map((f) => f.path)).toEqual(['fixtures/input/gbk-encoding/budget.yaml']);
    expect(lineText(r.files[0], 2)).toBe('  name: 示例单位');
    expect(r.files[0].text.slice(d.span!.offset, d.span!.offset + 4)).toBe('示例单位');
  });

  it('an alias bomb (billion laughs) is refused before anything is expanded', () => {
    const r = load('alias-bomb');
    expect(r.tree).toBeUndefined();
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/alias');
    // line 1 is a comment; `a: &a [...]`: the anchor &a is at column 4
    expect(at(d)).toBe('fixtures/input/alias-bomb/budget.yaml:2:4');
    expect(d.message.en).toContain('anchors 9');
    expect(d.message.en).toContain('aliases 72');
  });

  it('a far bigger bomb (9^40 once expanded) is refused the same way: nothing is expanded', () => {
    let text = 'l0: &l0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 40; i++) text += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
    const r = parseSources('mem', [{ path: 'mem/bomb.yaml', bytes: new TextEncoder().encode(text) }]);
    expect(r.tree).toBeUndefined();
    expect(only(r.diagnostics).rule).toBe('input/alias');
  });

  it('20,000 nested brackets or indentation levels: a diagnostic, not a stack overflow', () => {
    const flow = 'a: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n';
    const block = Array.from({ length: 20000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
    // reported where the nesting passes MAX_DEPTH (src/source/depth.ts): the bracket that opens
    // level 129 after the key's one, or the line indented 129 levels deep
    const where = [`m/deep.yaml:1:${4 + MAX_DEPTH - 1}`, `m/deep.yaml:${MAX_DEPTH + 1}:${MAX_DEPTH + 1}`];
    for (const [n, text] of [flow, block].entries()) {
      const r = parseSources('m', [{ path: 'm/deep.yaml', bytes: new TextEncoder().encode(text) }]);
      expect(r.tree).toBeUndefined();
      const d = only(r.diagnostics);
      expect([d.rule, at(d)]).toEqual(['input/yaml-syntax', where[n]]);
      expect(d.message.en).toContain('nested too deeply');
    }
  }, 60_000);

  it('a merge key (<<) is refused like an alias', () => {
    const d = only(load('merge-key').diagnostics);
    expect(d.rule).toBe('input/alias');
    expect(at(d)).toBe('fixtures/input/merge-key/budget.yaml:2:3');
  });

  it('an alias to an unknown anchor is refused as an alias', () => {
    const r = parseSources('m', [{ path: 'm/a.yaml', bytes: new TextEncoder().encode('a: 1\nb: *nope\n') }]);
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/alias');
    expect(at(d)).toBe('m/a.yaml:2:4');
  });

  it('an empty (comment-only) file among good ones', () => {
    const r = load('empty-file');
    expect(r.tree).toBeUndefined();
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/empty-file');
    expect(at(d)).toBe('fixtures/input/empty-file/budget.yaml:1:1');
  });

  it('a zero-byte file and a file holding only "---" are empty too', () => {
    for (const text of ['', '---\n', '\n\n']) {
      const r = parseSources('m', [{ path: 'm/x.yaml', bytes: new TextEncoder().encode(text) }]);
      expect(only(r.diagnostics).rule).toBe('input/empty-file');
    }
  });

  it('a duplicate key points at the second one and at the first', () => {
    const r = load('duplicate-key');
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/duplicate-key');
    expect(at(d)).toBe('fixtures/input/duplicate-key/budget.yaml:4:3');
    expect(d.related.map((x) => `${x.span.file}:${x.span.line}:${x.span.col}`)).toEqual([
      'fixtures/input/duplicate-key/budget.yaml:2:3',
    ]);
    expect(d.message.en).toContain('"name"');
  });

  it('the same section in two files points at both', () => {
    const r = load('duplicate-section');
    expect(r.tree).toBeUndefined();
    const d = only(r.diagnostics);
    expect(d.rule).toBe('input/duplicate-section');
    expect(at(d)).toBe('fixtures/input/duplicate-section/b-more.yaml:3:1');
    expect(d.related.map((x) => `${x.span.file}:${x.span.line}:${x.span.col}`)).toEqual([
      'fixtures/input/duplicate-section/a-department.yaml:1:1',
    ]);
  });

  it('several YAML documents in one file', () => {
    const d = only(load('multiple-documents').diagnostics);
    expect(d.rule).toBe('input/multiple-documents');
    expect(at(d)).toBe('fixtures/input/multiple-documents/budget.yaml:3:1');
  });

  it('a file whose top level is a list', () => {
    const d = only(load('top-level-not-map').diagnostics);
    expect(d.rule).toBe('input/top-level-not-map');
    expect(at(d)).toBe('fixtures/input/top-level-not-map/budget.yaml:1:1');
  });

  it('a missing directory: a clear diagnostic, no stack, no position', () => {
    const read = readSources(world, 'fixtures/input/missing-directory');
    const d = only(read.diagnostics);
    expect(d.rule).toBe('input/missing-dir');
    expect(d.span).toBeUndefined();
    expect(d.message.en).toContain('fixtures/input/missing-directory');
    expect(d.message.en).toContain('does not exist');
    expect(read.files).toEqual([]);
  });

  it('a file given where a directory is expected', () => {
    const d = only(readSources(world, 'fixtures/input/tab-indent/budget.yaml').diagnostics);
    expect(d.rule).toBe('input/missing-dir');
    expect(d.message.en).toContain('not a directory');
  });

  it('a directory without yaml files', () => {
    const read = readSources(world, 'fixtures/input/no-yaml-files');
    expect(read.diagnostics).toEqual([]);
    expect(read.files).toEqual([]);
    const d = only(parseSources('fixtures/input/no-yaml-files', read.files).diagnostics);
    expect(d.rule).toBe('input/no-yaml-files');
  });
});

describe('what a user would expect to be accepted', () => {
  it('a UTF-8 BOM', () => {
    const r = load('utf8-bom');
    expect(r.diagnostics).toEqual([]);
    expect(r.tree).toBeDefined();
  });

  it('CRLF line ends', () => {
    const r = load('crlf-line-ends');
    expect(r.diagnostics).toEqual([]);
    expect(r.tree).toBeDefined();
  });

  it('numbers written as quoted strings with thousands separators parse (the schema refuses them)', () => {
    const r = load('number-as-string-with-separator');
    expect(r.diagnostics).toEqual([]);
    expect(r.tree).toBeDefined();
  });
});

describe('every diagnostic is documented and bilingual', () => {
  const names = [
    'malformed-yaml', 'unclosed-quote', 'unclosed-bracket', 'tab-indent', 'gbk-encoding', 'alias-bomb',
    'merge-key', 'empty-file', 'duplicate-key', 'duplicate-section', 'multiple-documents', 'top-level-not-map',
  ];
  const documented = new Set(inputRules.map((r) => r.id));
  it.each(names)('%s', (name) => {
    for (const d of load(name).diagnostics) {
      expect(documented.has(d.rule)).toBe(true);
      expect(d.message.zh.length).toBeGreaterThan(0);
      expect(d.message.en.length).toBeGreaterThan(0);
      expect(d.help?.zh.length).toBeGreaterThan(0);
      expect(d.help?.en.length).toBeGreaterThan(0);
      // a message stands alone: no file position inside it (the formatter prints that)
      expect(d.message.en).not.toMatch(/:\d+:\d+/);
    }
  });

  it('rule ids are unique', () => {
    expect(documented.size).toBe(inputRules.length);
  });
});
