import { dirname, isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import type { Diagnostic, Localized } from '../diagnostics/diagnostic.js';
import type { DirResult } from '../diagnostics/result.js';
import { keyText, nodeAt, parseSources, toPlain, type MapNode } from '../source/index.js';
import { suggest } from '../schema/suggest.js';
import { WorldError, type World } from '../world/index.js';
import type { Span } from '../source/span.js';

/**
 * `budget.config.yaml`: the project's defaults for the flags a finance office sets once (docs/cli.md,
 * "Config file"). Found at the project root (src/world/root.ts); a flag on the command line wins.
 * Read with the data's parser (positions, input/* findings) and checked by a strict zod schema,
 * so a mistake gets the same file:line:column message and exit 2 as a mistake in the data.
 * Paths (out, fonts) are relative to the config file's folder.
 */
export const ConfigSchema = z.strictObject({
  strict: z.boolean().optional(),
  lang: z.enum(['zh', 'en']).optional(),
  out: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  fonts: z
    .strictObject({
      body: z.string().min(1).optional(),
      bold: z.string().min(1).optional(),
      heading: z.string().min(1).optional(),
      // The 公文 convention's other faces (GB/T 9704: 小标宋 title, 楷体 headings): render/pdf FontSet.
      title: z.string().min(1).optional(),
      subheading: z.string().min(1).optional(),
    })
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** Where each font path was written, so a missing or wrong font is reported at its line. */
  readonly fontSpans?: { readonly [K in FontKey]?: Span };
};

/** The config's font keys, in the order the faces are listed. */
export const FONT_KEYS = ['body', 'bold', 'heading', 'title', 'subheading'] as const;
export type FontKey = (typeof FONT_KEYS)[number];

export interface LoadedConfig {
  /** The defaults, with paths made relative to the working directory; absent when the file is unusable. */
  readonly config?: Config;
  /** The findings, as a result the report formatters print (status `unusable` when there are any). */
  readonly result?: DirResult;
}

/** Reads and validates the config file `file` (as shown to the user); `cwd` resolves its paths. */
export function loadConfig(world: World, file: string, cwd: string): LoadedConfig {
  let bytes: Uint8Array;
  try {
    bytes = world.readFile(file);
  } catch (e) {
    if (!(e instanceof WorldError)) throw e;
    return { result: unusable(file, [e.diagnostic], []) };
  }
  const parsed = parseSources(dirname(file), [{ path: file, bytes }]);
  // An empty config (or one of comments only) is valid: every default stays.
  const diags = parsed.diagnostics.filter((d) => d.rule !== 'input/empty-file');
  if (diags.length) return { result: unusable(file, diags, parsed.files) };
  const root = parsed.tree?.root;
  const plain = root ? toPlain(root) : {};
  const r = ConfigSchema.safeParse(plain);
  if (!r.success) {
    const found = r.error.issues.map((i) => issueDiagnostic(i, root, file));
    return { result: unusable(file, found, parsed.files) };
  }
  const base = dirname(file);
  const rel = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : relative(cwd, join(base, p)) || '.');
  const c = r.data;
  const fonts: Partial<Record<FontKey, string>> = {};
  const fontSpans: Partial<Record<FontKey, Span>> = {};
  for (const k of FONT_KEYS) {
    const p = rel(c.fonts?.[k]);
    if (p === undefined) continue;
    fonts[k] = p;
    const at = root ? nodeAt(root, ['fonts', k]) : undefined;
    if (at?.exists) fontSpans[k] = at.node.span;
  }
  return { config: { ...c, out: rel(c.out), ...(c.fonts ? { fonts, fontSpans } : {}) } };
}

function unusable(file: string, diagnostics: Diagnostic[], sources: DirResult['sources']): DirResult {
  return { dir: file, status: 'unusable', diagnostics, runs: [], sources };
}

const KEY_NAMES: Record<string, Localized> = {
  strict: { zh: '是否严格检查（true/false）', en: 'strict checking (true/false)' },
  lang: { zh: '语言（zh 或 en）', en: 'language (zh or en)' },
  out: { zh: '输出目录', en: 'output directory' },
  name: { zh: '文件名格式', en: 'file name pattern' },
  fonts: { zh: '字体文件的路径（body、bold、heading、title、subheading）', en: 'font file paths (body, bold, heading, title, subheading)' },
};

function issueDiagnostic(issue: z.core.$ZodIssue, root: MapNode | undefined, file: string): Diagnostic {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const fallback: Span = { file, line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, length: 0 };
  if (issue.code === 'unrecognized_keys') {
    const at = root ? nodeAt(root, path) : undefined;
    const map = at?.exists && at.node.kind === 'map' ? at.node : undefined;
    const key = issue.keys[0];
    const entry = map?.entries.find((e) => keyText(e.key) === key);
    const known = path.length ? [...FONT_KEYS] : Object.keys(ConfigSchema.shape);
    const guess = suggest(key, known);
    return {
      severity: 'error',
      rule: 'shape/unknown-key',
      message: {
        zh: `配置文件中未知的键“${[...path, key].join('.')}”${guess ? `，是不是“${guess}”？` : '。'}`,
        en: `unknown key "${[...path, key].join('.')}" in the config file${guess ? `: did you mean "${guess}"?` : '.'}`,
      },
      span: entry?.key.span ?? map?.span ?? fallback,
      related: [],
      figures: [],
      help: guess
        ? { zh: `把“${key}”改为“${guess}”。`, en: `Rename "${key}" to "${guess}".` }
        : { zh: `可用的键：${known.join('、')}（docs/cli.md）。`, en: `Valid keys: ${known.join(', ')} (docs/cli.md).` },
    };
  }
  const at = root ? nodeAt(root, path) : undefined;
  const top = String(path[0] ?? '');
  const what = KEY_NAMES[top] ?? { zh: top, en: top };
  const span = at?.exists ? at.node.span : (at?.key?.span ?? at?.node.span ?? fallback);
  const got = at?.exists && at.node.kind === 'scalar' ? at.node.source : undefined;
  return {
    severity: 'error',
    rule: issue.code === 'invalid_type' && got === undefined && !at?.exists ? 'shape/missing-value' : 'shape/invalid-value',
    message: {
      zh: `配置项 ${path.join('.')} 的值${got !== undefined ? `“${got}”` : ''}无效：应为${what.zh}。`,
      en: `invalid value${got !== undefined ? ` "${got}"` : ''} for ${path.join('.')} in the config file: expected ${what.en}.`,
    },
    span,
    related: [],
    figures: [],
    help: { zh: '配置文件的每个键见 docs/cli.md（配置文件）。', en: 'Every key of the config file: docs/cli.md (Config file).' },
  };
}
