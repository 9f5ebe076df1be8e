import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { isMap, isScalar, isSeq, parseDocument, visit, type Node as YNode } from 'yaml';
import { checkDir } from '../../src/compile.js';
import type { Budget } from '../../src/model/budget.js';
import { importWorkbook } from '../../src/import/index.js';
import { parseProfile, type Profile } from '../../src/profile/index.js';
import { nodeWorld } from '../../src/world/index.js';
import { budget, ROOT } from '../cli/run.js';

export const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

export function tmp(prefix = 'budget-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of a fixture: the directory itself, or (for a fixture profile's data) the whole profile folder it points into. */
export function copyFixture(which: string): string {
  const root = tmp();
  const profile = /^fixtures\/profiles\/([^/]+)\/(.*)$/.exec(which);
  if (profile) {
    cpSync(join(ROOT, 'fixtures/profiles', profile[1]!), join(root, profile[1]!), { recursive: true });
    return join(root, profile[1]!, profile[2]!);
  }
  const dir = join(root, 'data', which.split('/').pop()!);
  cpSync(join(ROOT, which), dir, { recursive: true });
  return dir;
}

/** `budget build` in-process: the directory's PDF and XLSX bytes. */
export async function build(dir: string): Promise<{ pdf: Buffer; xlsx: Buffer; xlsxName: string }> {
  const out = tmp('budget-import-out-');
  const r = await budget(['build', dir, '--out', out], { env: EPOCH });
  if (r.code !== 0) throw new Error(`build ${dir} failed: ${r.stdout}${r.stderr}`);
  const year = readdirSync(out)[0];
  const files = readdirSync(join(out, year));
  const x = files.find((f) => f.endsWith('.xlsx'))!;
  const p = files.find((f) => f.endsWith('.pdf'))!;
  return { pdf: readFileSync(join(out, year, p)), xlsx: readFileSync(join(out, year, x)), xlsxName: x };
}

/**
 * `build` of an unedited copy of a fixture, made once per test worker and then handed out (as fresh
 * Buffers): the import tests start from the workbook and PDF a fixture builds to, a dozen of them
 * from data/2023's. The files do not depend on where the copy is (the build identity hashes the
 * source texts, not their path), so any copy's build is this one. A test that edits its copy
 * before building, or that builds twice to compare, calls `build`.
 */
export async function builtFixture(which: string): Promise<{ pdf: Buffer; xlsx: Buffer; xlsxName: string }> {
  let p = fixtureBuilds.get(which);
  if (!p) fixtureBuilds.set(which, (p = build(copyFixture(which))));
  const b = await p;
  return { pdf: Buffer.from(b.pdf), xlsx: Buffer.from(b.xlsx), xlsxName: b.xlsxName };
}
const fixtureBuilds = new Map<string, Promise<{ pdf: Buffer; xlsx: Buffer; xlsxName: string }>>();

export function profileOf(file = 'profiles/shenzhen.yaml'): Profile {
  const p = parseProfile(file, readFileSync(join(ROOT, file), 'utf8')).profile;
  if (!p) throw new Error(`profile ${file} does not parse`);
  return p;
}

export function yamlFiles(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Imports the workbook into `dir` (over what is there) and writes the result; throws on any finding. */
export function importInto(dir: string, workbook: { name: string; bytes: Uint8Array }, profile: Profile) {
  const r = importWorkbook({ workbook, profile, existing: yamlFiles(dir) });
  if (r.diagnostics.length) throw new Error(r.diagnostics.map((d) => d.message.en).join('\n'));
  for (const f of r.files) writeFileSync(join(dir, f.name), f.text);
  return r;
}

/**
 * Every figure the workbook shows set to 0 in the copy (a by_source share of a source no table breaks
 * down excepted: only the existing data knows it), so that the import must bring each one back.
 */
export function blankFigures(dir: string, opts: { sections?: readonly string[]; keepCodes?: readonly string[]; keep?: readonly string[] } = {}): number {
  const sections = opts.sections ?? ['income', 'expenditure', 'functional', 'economic', 'three_public', 'projects', 'performance'];
  let n = 0;
  for (const f of yamlFiles(dir)) {
    const doc = parseDocument(f.text);
    visit(doc, {
      Scalar(key, node, path) {
        if (key !== 'value' || typeof node.value !== 'number' && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(String(node.value))) return;
        const keys = path.filter((p): p is { key: unknown } & YNode => 'key' in (p as object)).map((p) => (isScalar((p as { key: unknown }).key) ? String(((p as { key: { value: unknown } }).key).value) : ''));
        const section = keys[0];
        const last = keys[keys.length - 1];
        if (keys.includes('by_source') || last === 'code' || last === 'year' || !sections.includes(section)) return;
        if (opts.keep?.some((k) => keys.join('.').startsWith(k))) return;
        const row = path.find((p) => isMap(p) && isScalar((p as { get(k: string, keep: true): unknown }).get('code', true)));
        const code = row ? String((row as unknown as { get(k: string): unknown }).get('code')) : undefined;
        if (code !== undefined && opts.keepCodes?.includes(code)) return;
        const carried =
          ['income', 'expenditure', 'functional', 'economic', 'three_public'].includes(section) ||
          (section === 'projects' && last === 'amount' && !keys.includes('items')) ||
          (section === 'performance' && ['total', 'fiscal', 'other', 'total_fiscal', 'total_other'].includes(last));
        if (!carried) return;
        node.value = 0;
        n++;
      },
    });
    writeFileSync(join(dir, f.name), doc.toString({ lineWidth: 0 }));
  }
  return n;
}

export function loadBudget(dir: string): Budget {
  const c = checkDir(dir, nodeWorld(), { strict: false, profiles: join(ROOT, 'profiles') });
  if (!c.budget) throw new Error(`${dir} does not load: ${c.diagnostics.map((d) => d.message.en).join('\n')}`);
  return c.budget;
}

/** Every figure and text of a budget by its path (positions left out): the model compared figure by figure. */
export function facts(b: Budget): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined) return;
    if (typeof v !== 'object') {
      out.set(path, String(v));
      return;
    }
    if ('coef' in (v as object) && 'scale' in (v as object)) {
      const d = v as { coef: bigint; scale: number };
      out.set(path, `${d.coef}e-${d.scale}`);
      return;
    }
    for (const [k, x] of Object.entries(v as object)) if (k !== 'span' && k !== 'dir') walk(x, `${path}.${k}`);
  };
  walk(b, '');
  return out;
}

/** The entries of a zip (an XLSX), with the build identity replaced. */
export function xlsxEntries(bytes: Uint8Array, identity: string): Record<string, string> {
  const z = unzipSync(bytes);
  return Object.fromEntries(Object.entries(z).map(([k, v]) => [k, Buffer.from(v).toString('latin1').split(identity).join('<build>')]));
}

export function buildIdentityOf(xlsx: Uint8Array): string {
  const custom = Buffer.from(unzipSync(xlsx)['docProps/custom.xml']).toString('utf8');
  return /<vt:lpwstr>([0-9a-f]{32})<\/vt:lpwstr>/.exec(custom)?.[1] ?? '';
}

/** A PDF's bytes with its build identity and the trailer /ID (an MD5 over the Info dictionary, which holds the identity) replaced. */
export function pdfWithoutIdentity(pdf: Buffer, identity: string): string {
  return pdf.toString('latin1').split(identity).join('<build>').replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID [<id>]');
}
