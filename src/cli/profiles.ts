import type { Lang } from '../diagnostics/diagnostic.js';
import { EXIT } from '../diagnostics/index.js';
import { formatSpan } from '../source/span.js';
import { type Profile, parseProfile, profileName, profileNames, templatesDirOf } from '../profile/index.js';
import { WorldError, type World } from '../world/index.js';
import { UsageError } from './usage.js';

/**
 * `budget profiles [name|file]`: the layouts a department-year can name (`department.profile`),
 * each with its parts and tables; with a name or a profile file, that one (a malformed file is
 * reported with its line, exit 2, so a profile's author can try it before any data names it).
 */
export function profilesCommand(ref: string | undefined, o: { format: 'human' | 'json'; lang: Lang }, profilesDir: string, world: World): number {
  const files = ref === undefined ? world.listYamlFiles(profilesDir).files : [fileOf(ref, profilesDir, world)];
  const out: Summary[] = [];
  let bad = false;
  for (const file of files) {
    let text: string;
    try {
      text = world.readText(file);
    } catch (e) {
      if (!(e instanceof WorldError)) throw e;
      process.stderr.write(`budget: ${e.diagnostic.message[o.lang]}\n`);
      bad = true;
      continue;
    }
    const r = parseProfile(file, text);
    for (const d of r.diagnostics) process.stderr.write(`${d.span ? formatSpan(d.span) + ': ' : ''}${d.rule}: ${d.message[o.lang]}\n`);
    if (r.profile) out.push(summary(file, r.profile));
    else bad = true;
  }
  process.stdout.write(o.format === 'json' ? JSON.stringify(out, null, 2) + '\n' : out.map((s) => human(s, o.lang)).join('\n'));
  return bad ? EXIT.unusable : EXIT.ok;
}

/** A bare name is one of the package's profiles; anything else a profile file. */
function fileOf(ref: string, profilesDir: string, world: World): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(ref)) {
    const known = profileNames(world, profilesDir);
    if (!known.includes(ref)) throw new UsageError(`没有名为 “${ref}” 的版式；可用：${known.join('、')}`, `no profile named "${ref}"; there are: ${known.join(', ')}`);
    return `${profilesDir}/${ref}.yaml`;
  }
  return ref;
}

interface Summary {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly kind: string;
  readonly templates: string;
  readonly parts: readonly { readonly name: string; readonly template: string }[];
  readonly tables: readonly { readonly id: string; readonly caption: string; readonly title: string; readonly kind: string; readonly orientation: string }[];
}

function summary(file: string, p: Profile): Summary {
  return {
    name: profileName(file),
    file,
    description: p.description,
    kind: p.document.kind,
    templates: templatesDirOf(file, p.templates),
    parts: p.parts.map((x) => ({ name: x.name, template: x.template })),
    tables: p.tables.map((t) => ({ id: t.id, caption: t.caption ?? '', title: t.title, kind: t.kind, orientation: t.orientation })),
  };
}

function human(s: Summary, lang: Lang): string {
  const zh = lang === 'zh';
  const pad = (x: string, n: number) => x + ' '.repeat(Math.max(1, n - width(x)));
  const lines = [
    `${s.name}  ${s.description}`,
    `  ${zh ? '文件' : 'file'}: ${s.file}    ${zh ? '文档' : 'document'}: ${s.kind}    ${zh ? '模板目录' : 'templates'}: ${s.templates}`,
    `  ${zh ? `文字部分（${s.parts.length} 个部分）` : `narrative (${s.parts.length} parts)`}:`,
    ...s.parts.map((x, i) => `    ${String(i + 1).padStart(2)}. ${pad(x.name, 34)}${x.template}`),
    `  ${zh ? `表格（${s.tables.length} 张）` : `tables (${s.tables.length})`}:`,
    ...s.tables.map((t) => `    ${pad(t.caption, 8)}${pad(t.title, 36)}${pad(t.kind, 30)}${t.orientation}`),
  ];
  return lines.join('\n') + '\n';
}

/** Display width: a CJK character takes two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}
