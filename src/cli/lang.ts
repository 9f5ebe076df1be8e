import type { Command, Help } from 'commander';
import type { Lang } from '../diagnostics/diagnostic.js';

/**
 * `--help` and commander's usage errors in the `--lang` language (Chinese unless `--lang en` or the
 * config's `lang`). The descriptions in src/cli/main.ts are written once in both languages,
 * "English / 中文" (or "中文\nEnglish" for the program); `pick` shows the side asked for.
 */

/** The language named on the command line (`--lang en`, `--lang=en`), if any. */
export function langOfArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  return undefined;
}

const CJK = /[\u3400-\u9fff]/;

/** One language's side of a bilingual description. */
export function pick(text: string, lang: Lang): string {
  const nl = text.indexOf('\n');
  if (nl >= 0 && CJK.test(text.slice(0, nl)) && !CJK.test(text.slice(nl + 1))) return lang === 'zh' ? text.slice(0, nl) : text.slice(nl + 1);
  const i = text.lastIndexOf(' / ');
  if (i < 0) return text;
  const left = text.slice(0, i);
  const right = text.slice(i + 3);
  if (!CJK.test(right)) return text;
  return lang === 'zh' ? right : left;
}

const TITLES_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** Applies the language to a program's help (inherited by the commands added after this call). */
export function localizeHelp(p: Command, lang: Lang): void {
  p.configureHelp({
    commandDescription: (cmd) => pick(cmd.description(), lang),
    subcommandDescription: (cmd) => pick(cmd.summary() || cmd.description(), lang),
    optionDescription(this: Help, option) {
      const base = Object.getPrototypeOf(this).optionDescription.call(
        { ...this },
        Object.assign(Object.create(Object.getPrototypeOf(option)), option, { description: pick(option.description ?? '', lang) }),
      ) as string;
      return lang === 'zh'
        ? base
            .replace(' (choices: ', '（可选：')
            .replace(/, default: (.*)\)$/, '，默认：$1）')
            .replace(/ \(default: (.*)\)$/, '（默认：$1）')
            .replace(/（可选：(.*)\)$/, '（可选：$1）')
        : base;
    },
    argumentDescription: (arg) => pick(arg.description, lang),
    styleTitle: (s) => (lang === 'zh' ? (TITLES_ZH[s] ?? s) : s),
  });
  if (lang === 'zh') {
    p.helpOption('-h, --help', '显示帮助');
    p.helpCommand('help [command]', '显示某个命令的帮助');
  }
}

/** Commander's error messages (English) in the language asked for; unknown ones as they are. */
export function usageMessage(message: string, lang: Lang): string {
  const m = message.trim().replace(/^error: /, '');
  if (lang === 'en') return `budget: ${m}\nbudget: see budget --help\n`;
  const dym = /\n\(Did you mean (.+)\?\)$/.exec(m);
  const body = dym ? m.slice(0, dym.index) : m;
  const hint = dym ? `，是不是 ${dym[1]}？` : '';
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^unknown option '(.+)'$/, (o) => `未知的选项 ${o}${hint}`],
    [/^unknown command '(.+)'$/, (c) => `未知的命令 ${c}${hint}`],
    [/^missing required argument '(.+)'$/, (a) => `缺少必需的参数 <${a}>`],
    [/^option '(.+)' argument missing$/, (o) => `选项 ${o} 缺少取值`],
    [/^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/, (o, v, c) => `选项 ${o} 的值“${v}”无效，可选：${c}`],
    [/^option '(.+)' argument '(.*)' is invalid\.(.*)$/, (o, v) => `选项 ${o} 的值“${v}”无效`],
    [/^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (c, e, g) => `${c ? `命令 ${c} ` : ''}参数过多：应为 ${e} 个，实际 ${g} 个`],
  ];
  for (const [re, f] of rules) {
    const r = re.exec(body);
    if (r) {
      const said = f(...r.slice(1).map((x) => x ?? ''));
      return `budget: ${said}${said.endsWith('？') ? '' : '。'}\nbudget: 用法见 budget --help\n`;
    }
  }
  return `budget: ${m}\nbudget: 用法见 budget --help\n`;
}
