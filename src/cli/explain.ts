import type { Lang } from '../diagnostics/diagnostic.js';
import { EXIT, formatExplain, suggestRules } from '../diagnostics/index.js';
import { allRules } from './rules.js';

/** `budget explain <rule>`: the rule's long explanation; an unknown id gets close ids and exit 2. */
export function explain(id: string | undefined, lang: Lang): number {
  const rules = allRules();
  if (id === undefined) {
    const w = Math.max(...rules.map((r) => r.id.length));
    process.stdout.write(rules.map((r) => `${r.id.padEnd(w)}  ${r.title[lang]}`).join('\n') + '\n');
    return EXIT.ok;
  }
  const rule = rules.find((r) => r.id === id);
  if (rule) {
    process.stdout.write(formatExplain(rule, lang));
    return EXIT.ok;
  }
  const close = suggestRules(id, rules);
  const zh = `未知规则 “${id}”。` + (close.length ? `是否指：${close.join('、')}？` : '运行 budget explain 列出所有规则。');
  const en = `unknown rule "${id}".` + (close.length ? ` Did you mean: ${close.join(', ')}?` : ' Run budget explain to list every rule.');
  process.stderr.write(`budget: ${lang === 'zh' ? zh : en}\n`);
  return EXIT.unusable;
}
