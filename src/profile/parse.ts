import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type Node, keySpan, nodeAt, parseFile, toPlain } from '../source/index.js';
import type { Span } from '../source/span.js';
import { PREBUILT_PROFILES } from './prebuilt.js';
import { PROFILE_INVALID_RULE } from './rules.js';
import { type Profile, ProfileSchema, TABLE_KINDS } from './schema.js';

/**
 * A profile file's text → the validated profile, or diagnostics pointing into the file. The YAML
 * is read as the data is (src/source: positions on every node, the same input/* findings for a tab,
 * an alias or a duplicate key, the same fast path); then zod's issues, each at the node its path
 * names. Pure: src/world reads the file.
 */
export function parseProfile(file: string, text: string): { profile?: Profile; diagnostics: Diagnostic[] } {
  // A batch reads the same profile for every department-year: each thread parses and validates a
  // file's text once (the result is a pure function of the two, and never modified).
  const hit = parsedProfiles.get(file);
  if (hit && hit.text === text) return { ...(hit.profile ? { profile: hit.profile } : {}), diagnostics: [...hit.diagnostics] };
  // A shipped profile's validated form comes with the bundle (the same text gives the same profile;
  // its file name only ever shows in diagnostics, and a shipped profile has none).
  const prebuilt = PREBUILT_PROFILES.find((p) => p.text === text);
  const result = prebuilt ? { profile: prebuilt.profile, diagnostics: [] } : parseFresh(file, text);
  if (parsedProfiles.size >= 8 && !parsedProfiles.has(file)) parsedProfiles.delete(parsedProfiles.keys().next().value as string);
  parsedProfiles.set(file, { text, ...result, diagnostics: [...result.diagnostics] });
  return result;
}

const parsedProfiles = new Map<string, { text: string; profile?: Profile; diagnostics: readonly Diagnostic[] }>();

/** Reads and validates a profile's text (exported for scripts/bundle.mjs, which validates the shipped ones at build time). */
export function parseFresh(file: string, text: string): { profile?: Profile; diagnostics: Diagnostic[] } {
  const parsed = parseFile(file, text);
  // A duplicate key, a tab, an alias: the file is refused as the data would be (a duplicate key's
  // second value silently winning would be a layout nobody wrote).
  if (!parsed.root || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  const root = parsed.root;
  // One profile per run: compiling zod's fast path for its dozen object shapes would cost more
  // (some 20 ms, cold) than it saves on the one parse.
  const valid = ProfileSchema.safeParse(toPlain(root), { jitless: true });
  if (valid.success) return { profile: valid.data, diagnostics: [] };
  return { diagnostics: valid.error.issues.map((i) => invalid(spanOf(root, i), describe(root, i))) };
}

/**
 * Where an issue points: an unknown key at that key, a missing key at the key line of the map that
 * lacks it, anything else at the node its path names.
 */
function spanOf(root: Node, i: z.core.$ZodIssue): Span {
  const path = i.path.map((k) => (typeof k === 'number' ? k : String(k)));
  const at = nodeAt(root, path);
  if (i.code === 'unrecognized_keys' && at.exists && at.node.kind === 'map') return keySpan(at.node, i.keys[0]!) ?? at.node.span;
  if (!at.exists && at.key) return at.key.span;
  return at.node.span;
}

function describe(root: Node, i: z.core.$ZodIssue): string {
  const at = i.path.length ? i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') : '(top)';
  if (i.code === 'unrecognized_keys') return `${at}: unknown key ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  // zod says "expected string, received undefined" of a key that is not there: said as missing
  if (i.code === 'invalid_type' && !nodeAt(root, i.path.map((k) => (typeof k === 'number' ? k : String(k)))).exists) return `${at}: missing (expected ${i.expected})`;
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
