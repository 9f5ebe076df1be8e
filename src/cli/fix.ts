import type { Lang } from '../diagnostics/diagnostic.js';
import { EXIT } from '../diagnostics/result.js';
import { formatSpan } from '../source/index.js';
import { parseSources } from '../source/index.js';
import { checkDir } from '../compile.js';
import { fixSources, unifiedDiff } from '../fix/index.js';
import { readSources, type World } from '../world/index.js';
import { resolvePrior } from '../years/index.js';
import { colorLevel, report } from './report.js';
import { rulesFor } from './rules.js';
import { UsageError } from './usage.js';

export interface FixOptions {
  readonly dryRun?: boolean;
  readonly lang: Lang;
  readonly profiles: string;
  readonly templates?: string;
}

const BOM = '\uFEFF';

/**
 * `budget fix [dir]`: every written total derivable from its parts brought in line with them
 * (src/fix), the unified diff on stdout (so `budget fix --dry-run | git apply` works), a summary on
 * stderr. Writes only when the whole fix leaves no error; then every changed file, each atomically,
 * and an earlier file put back if a later one cannot be written, so the data is all fixed or as it
 * was. Exit 0 when fixed or nothing to fix, 1 when refused (nothing written), 2 for unusable input.
 */
export function fixCommand(dirs: readonly string[], o: FixOptions, world: World): number {
  if (dirs.length !== 1)
    throw new UsageError('budget fix 一次修正一个部门年度目录，例如 budget fix data/2031。', 'budget fix takes one department-year directory, e.g. budget fix data/2031.');
  const dir = dirs[0];
  const say = (zh: string, en: string) => process.stderr.write(`budget fix: ${o.lang === 'zh' ? zh : en}\n`);

  // Input the check cannot use (a YAML or shape error, a missing prior year) is reported as check
  // reports it: fixing totals needs a model to derive them from.
  const checked = checkDir(dir, world, { strict: false, templates: o.templates, profiles: o.profiles });
  if (!checked.budget) {
    process.stdout.write(report([checked], { format: 'human', lang: o.lang, color: colorLevel(undefined, world), verbose: false, strict: false, rules: rulesFor('check') }));
    return EXIT.unusable;
  }
  const read = readSources(world, dir);
  const parsed = parseSources(dir, read.files);
  if (!parsed.tree) throw new Error('fix: the sources parsed for the check do not parse again');
  const prior = resolvePrior(world, dir, parsed.tree).figures;
  const bom = new Set(read.files.filter((f) => f.bytes[0] === 0xef && f.bytes[1] === 0xbb && f.bytes[2] === 0xbf).map((f) => f.path));

  // held to the identities of the layout the data names, as the check is
  const r = fixSources(dir, parsed.files, prior, checked.profile ? { identities: checked.profile.identities } : {});
  switch (r.kind) {
    case 'clean':
      say('没有需要修正的合计：各合计与其组成项一致。', 'nothing to fix: every total agrees with its parts.');
      return EXIT.ok;
    case 'unusable':
    case 'refused': {
      say(
        '未修改任何文件：以下错误不是某个合计与其组成项不符，无法由组成项唯一确定修正（例如两个各由明细算出的合计互不相等）。请先改正明细数字。',
        'nothing written: the errors below are not a total that disagrees with its parts, so no fix follows from the parts alone (e.g. two totals, each derived from its own details, that differ). Correct the detail figures first.',
      );
      for (const d of r.diagnostics) {
        process.stderr.write(`  ${d.span ? formatSpan(d.span) + ': ' : ''}${d.rule}: ${d.message[o.lang]}\n`);
        if (d.help) process.stderr.write(`    ${d.help[o.lang]}\n`);
      }
      return r.kind === 'unusable' ? EXIT.unusable : EXIT.failed;
    }
    case 'fixed': {
      const before = new Map(parsed.files.map((f) => [f.path, f.text]));
      const changed = r.files.filter((f) => before.get(f.path) !== f.text);
      for (const f of changed) process.stdout.write(unifiedDiff(f.path, before.get(f.path)!, f.text));
      const files = changed.length;
      // A total may move in two rounds (by the chain's shift, then to its exact sum): count it once.
      const totals = new Set(r.edits.map((e) => `${e.file}\0${e.path}`)).size;
      if (o.dryRun) {
        say(`将修正 ${totals} 个合计（${files} 个文件）；--dry-run：未写入。`, `would fix ${totals} totals in ${files} files; --dry-run: nothing written.`);
        return EXIT.ok;
      }
      const written: string[] = [];
      try {
        for (const f of changed) {
          world.writeAtomic(f.path, (bom.has(f.path) ? BOM : '') + f.text);
          written.push(f.path);
        }
      } catch (e) {
        // All or none: put back what was already written, then report the failure.
        for (const p of written) world.writeAtomic(p, (bom.has(p) ? BOM : '') + before.get(p)!);
        throw e;
      }
      say(`已修正 ${totals} 个合计（${files} 个文件）。`, `fixed ${totals} totals in ${files} files.`);
      return EXIT.ok;
    }
  }
}
