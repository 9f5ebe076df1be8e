import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../source/lines.js';
import type { Span } from '../source/span.js';
import { PROFILE_INVALID_RULE } from './rules.js';
import { type Profile, ProfileSchema, TABLE_KINDS } from './schema.js';

/**
 * A profile file's text → the validated profile, or diagnostics pointing into the file (YAML
 * syntax, then zod's issues, each at the node its path names). Pure: src/world reads the file.
 */
export function parseProfile(file: string, text: string): { profile?: Profile; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(file, text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { diagnostics: doc.errors.map((e) => invalid(lines.span(e.pos[0], e.pos[1]), `YAML: ${e.message.split('\n')[0]}`)) };
  }
  const parsed = ProfileSchema.safeParse(doc.toJS());
  if (parsed.success) return { profile: parsed.data, diagnostics: [] };
  return { diagnostics: parsed.error.issues.map((i) => invalid(spanOf(doc.contents, i.path, lines, unknownKey(i)), describe(i))) };
}

/**
 * The span of the deepest node the path reaches (a missing key points at the map that lacks it);
 * with `key`, that key of the map (an unknown key is pointed at, not the map holding it).
 */
function spanOf(root: unknown, path: readonly PropertyKey[], lines: LineIndex, key?: string): Span {
  let node = root as YamlNode | null | undefined;
  for (const k of path) {
    const next = isMap(node) ? (node.get(k, true) as YamlNode | undefined) : isSeq(node) ? (node.get(Number(k), true) as YamlNode | undefined) : undefined;
    if (!next) break;
    node = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  const range = node?.range ?? [0, 0, 0];
  return lines.span(range[0], range[1]);
}

function unknownKey(i: z.core.$ZodIssue): string | undefined {
  return i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
}

function describe(i: z.core.$ZodIssue): string {
  const at = i.path.length ? i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') : '(top)';
  if (i.code === 'unrecognized_keys') return `${at}: unknown key ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_union' && 'discriminator' in i && i.discriminator) return `${at}: not a table kind this program knows (${TABLE_KINDS.join(', ')})`;
  return `${at}: ${i.message}`;
}

function invalid(span: Span, what: string): Diagnostic {
  return {
    severity: 'error',
    rule: PROFILE_INVALID_RULE,
    message: { zh: `版式文件有误：${what}`, en: `The profile is malformed: ${what}` },
    span,
    related: [],
    figures: [],
    help: { zh: '版式文件的格式见 docs/profiles.md', en: 'the profile format is described in docs/profiles.md' },
  };
}
