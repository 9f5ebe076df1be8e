import type { Diagnostic, Localized } from '../diagnostics/diagnostic.js';
import type { LineIndex } from './lines.js';
import type { Span } from './span.js';

/**
 * The typist's mistakes behind a YAML syntax error. yaml reports where it lost its way — often the
 * line after the mistake, in its own words ("All mapping items must start at the same column") —
 * and then every line after it. Budget files have a known shape (every key is an ASCII word such
 * as `total` or a code such as `2010350`), so a few patterns near the first error name the real
 * mistake: a full-width colon from a Chinese input method, a colon without its space, a list item
 * that lost its "- ", a "- " on the line of its key. Each is reported once, at the character to
 * change, with the fix; the parser's own words go along as a related note.
 */

/** The format's keys: ASCII words (total, by_source) or codes (2010350). */
const KEY = '(?:[A-Za-z_][A-Za-z0-9_]*|\\d+)';

interface FullWidth {
  readonly zh: string;
  readonly en: string;
  readonly to: string;
  readonly toZh: string;
}

/** The full-width characters that break YAML's syntax, with their names and their ASCII forms. */
export const FULL_WIDTH: Readonly<Record<string, FullWidth>> = {
  '：': { zh: '全角冒号', en: 'full-width colon', to: ': ', toZh: '半角冒号加空格' },
  '，': { zh: '全角逗号', en: 'full-width comma', to: ', ', toZh: '半角逗号' },
  '｛': { zh: '全角左花括号', en: 'full-width left brace', to: '{', toZh: '半角左花括号' },
  '｝': { zh: '全角右花括号', en: 'full-width right brace', to: '}', toZh: '半角右花括号' },
  '［': { zh: '全角左方括号', en: 'full-width left bracket', to: '[', toZh: '半角左方括号' },
  '］': { zh: '全角右方括号', en: 'full-width right bracket', to: ']', toZh: '半角右方括号' },
  '－': { zh: '全角减号', en: 'full-width hyphen', to: '- ', toZh: '半角减号加空格' },
  '　': { zh: '全角空格', en: 'ideographic (full-width) space', to: ' ', toZh: '半角空格' },
  '“': { zh: '全角左引号', en: 'full-width left quote', to: '"', toZh: '半角双引号' },
  '”': { zh: '全角右引号', en: 'full-width right quote', to: '"', toZh: '半角双引号' },
  '‘': { zh: '全角左单引号', en: 'full-width left single quote', to: "'", toZh: '半角单引号' },
  '’': { zh: '全角右单引号', en: 'full-width right single quote', to: "'", toZh: '半角单引号' },
  '＃': { zh: '全角井号', en: 'full-width number sign', to: '#', toZh: '半角井号' },
  '．': { zh: '全角句点', en: 'full-width full stop', to: '.', toZh: '半角小数点' },
  '。': { zh: '中文句号', en: 'Chinese full stop', to: '.', toZh: '半角小数点' },
  '＋': { zh: '全角加号', en: 'full-width plus sign', to: '+', toZh: '半角加号' },
};

const FULL_WIDTH_DIGIT = /[０-９]/;

/** "把全角冒号「：」改为半角冒号加空格「: 」" and its English. */
export function fullWidthFix(ch: string): Localized {
  if (FULL_WIDTH_DIGIT.test(ch)) {
    const ascii = String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48);
    return { zh: `把全角数字「${ch}」改为半角数字「${ascii}」`, en: `change the full-width digit "${ch}" to the ASCII digit "${ascii}"` };
  }
  const f = Object.hasOwn(FULL_WIDTH, ch) ? FULL_WIDTH[ch] : undefined;
  if (!f) return { zh: `把全角字符「${ch}」改为对应的半角字符`, en: `change the full-width character "${ch}" to its ASCII form` };
  return { zh: `把${f.zh}「${ch}」改为${f.toZh}「${f.to}」`, en: `change the ${f.en} "${ch}" to "${f.to}"` };
}

/** A text with every full-width digit and punctuation mark of FULL_WIDTH made ASCII (for "did you mean"). */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    if (FULL_WIDTH_DIGIT.test(ch)) out += String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48);
    else if (Object.hasOwn(FULL_WIDTH, ch)) out += FULL_WIDTH[ch].to;
    else out += ch;
  }
  return out;
}

/** The first full-width digit or FULL_WIDTH character of a text, with its index. */
export function firstFullWidth(s: string): { ch: string; index: number } | undefined {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (FULL_WIDTH_DIGIT.test(ch) || Object.hasOwn(FULL_WIDTH, ch)) return { ch, index: i };
  }
  return undefined;
}

interface Found {
  readonly at: number; // offset of the character to change
  readonly length: number;
  readonly rule: 'input/full-width' | 'input/yaml-syntax' | 'input/tag';
  readonly message: Localized;
  readonly label: Localized;
  readonly help: Localized;
}

/** The content of a line before a trailing comment (a "#" after a space), roughly: quotes are not tracked. */
function code(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

function fullWidthAt(at: number, ch: string, what: Localized): Found {
  const fix = fullWidthFix(ch);
  return {
    at,
    length: 1,
    rule: 'input/full-width',
    message: { zh: `${what.zh}用了${FULL_WIDTH[ch]?.zh ?? '全角字符'}「${ch}」，YAML 只认半角符号。`, en: `${what.en} is written with a ${FULL_WIDTH[ch]?.en ?? 'full-width character'} "${ch}"; YAML knows only the ASCII one.` },
    label: { zh: FULL_WIDTH[ch]?.zh ?? '全角字符', en: FULL_WIDTH[ch]?.en ?? 'full-width character' },
    help: { zh: `${fix.zh}。`, en: `${fix.en[0].toUpperCase()}${fix.en.slice(1)}.` },
  };
}

/** The typo on one line (its text, its offset in the file), if the line holds one of the known ones. */
function lineTypo(line: string, start: number, siblings: { prev?: string; next?: string }): Found | undefined {
  const c = code(line);
  let m: RegExpExecArray | null;
  // `　name: x`: an ideographic space in the indentation
  if ((m = /^ *(　)/.exec(c))) return fullWidthAt(start + m.index + m[0].length - 1, '　', { zh: '缩进', en: 'The indentation' });
  // `total：1234`, `- name：x`, `{code：201`: a full-width colon after a key
  if ((m = new RegExp(`^(\\s*(?:-\\s+)?${KEY}\\s*)：`).exec(c)) || (m = new RegExp(`([{,]\\s*${KEY}\\s*)：`).exec(c)))
    return fullWidthAt(start + m.index + m[1].length, '：', { zh: '键后面的冒号', en: 'The colon after the key' });
  // `{code: 201，name: x}`: a full-width comma between the entries of a flow mapping
  if (c.includes('{') && (m = new RegExp(`^(.*\\{.*?)，\\s*${KEY}\\s*[:：]`).exec(c)))
    return fullWidthAt(start + m[1].length, '，', { zh: '花括号中各项之间的逗号', en: 'The comma between the entries in braces' });
  // `- ｛code: 201, …`, `rows: ［…`: full-width brackets where a flow collection starts
  if ((m = new RegExp(`^(\\s*(?:-\\s+)?(?:${KEY}\\s*[:：]\\s*)?)([｛［])`).exec(c)))
    return fullWidthAt(start + m[1].length, m[2], { zh: '括号', en: 'The bracket' });
  // `－ 项目`: a full-width hyphen as a list marker
  if ((m = /^(\s*)－/.exec(c))) return fullWidthAt(start + m[1].length, '－', { zh: '列表项的标记', en: 'The list marker' });
  // `- {{code: 201, …}`, `[301, 302`: brackets that do not pair up on the line (budget files write
  // each flow collection on one line)
  const unpaired = unpairedBracket(c);
  if (unpaired) {
    const { index, ch, open } = unpaired;
    const name: Localized = ch === '{' || ch === '}' ? { zh: '花括号', en: 'brace' } : { zh: '方括号', en: 'bracket' };
    return {
      at: start + index,
      length: 1,
      rule: 'input/yaml-syntax',
      message: open
        ? { zh: `这一行的${name.zh}「${ch}」没有对应的结束符号。`, en: `The ${name.en} "${ch}" on this line is never closed.` }
        : { zh: `这一行多了一个${name.zh}「${ch}」：前面没有与它对应的开始符号。`, en: `A stray ${name.en} "${ch}" on this line: nothing opens it.` },
      label: open ? { zh: '没有闭合', en: 'never closed' } : { zh: '多余的符号', en: 'stray' },
      help: open
        ? { zh: `在这一项的末尾补上「${ch === '{' ? '}' : ']'}」，或删去多余的「${ch}」；每个“{”“[”都要在同一行用“}”“]”闭合。`, en: `Add "${ch === '{' ? '}' : ']'}" at the end of the entry, or remove the extra "${ch}"; each "{" or "[" closes on the same line.` }
        : { zh: `删去多余的「${ch}」。`, en: `Remove the extra "${ch}".` },
    };
  }
  // `unit: !万元`: a value starting with "!" is a YAML tag
  if ((m = new RegExp(`^(\\s*(?:-\\s+)?(?:${KEY}\\s*:\\s+)?)!`).exec(c))) {
    const value = c.slice(m[1].length).trim();
    return {
      at: start + m[1].length,
      length: 1,
      rule: 'input/tag',
      message: { zh: `以「!」开头的值 ${value} 被 YAML 读作标签（!名称），预算文件不使用标签。`, en: `The value ${value} starts with "!", which YAML reads as a tag (!name); budget files use no tags.` },
      label: { zh: '标签', en: 'tag' },
      help: { zh: `如果「!」是文字的一部分，把整个值放在引号里：'${value}'；否则删去「!」。`, en: `If the "!" is part of a text, put the whole value in quotes: '${value}'; otherwise remove the "!".` },
    };
  }
  // `unit: - 万元`: a list marker on the line of its key
  if ((m = new RegExp(`^(\\s*(?:-\\s+)?${KEY}\\s*:\\s+)-(?:\\s|$)`).exec(c))) {
    const key = new RegExp(`${KEY}(?=\\s*:)`).exec(c.slice(m[0].search(/\S/)))?.[0] ?? '';
    const rest = c.slice(m[1].length + 1).trim();
    return {
      at: start + m[1].length,
      length: 1,
      rule: 'input/yaml-syntax',
      message: { zh: `列表项的标记「- 」不能和键“${key}”写在同一行。`, en: `A list marker "- " cannot be on the same line as its key "${key}".` },
      label: { zh: '多余的「- 」', en: 'stray "- "' },
      help: {
        zh: `删去「- 」，写成“${key}: ${rest}”；如果这里应是一个列表，把每一项换到下一行并缩进，写成“- ${rest}”。`,
        en: `Remove the "- " and write "${key}: ${rest}"; if a list belongs here, put each item on its own indented line as "- ${rest}".`,
      },
    };
  }
  // `total:1234`: a colon without the space after it
  if ((m = new RegExp(`^(\\s*(?:-\\s+)?(${KEY})):(?=[^\\s:/])`).exec(c)) || (m = new RegExp(`([{,]\\s*(${KEY})):(?=[^\\s:/,}\\]])`).exec(c))) {
    const key = m[2];
    const value = /^[^\s,}\]]*/.exec(c.slice(m.index + m[1].length + 1))?.[0] ?? '';
    return {
      at: start + m.index + m[1].length,
      length: 1,
      rule: 'input/yaml-syntax',
      message: { zh: `键“${key}”后面的冒号缺少空格：YAML 把“${key}:${value}”读成一段文字，而不是“键: 值”。`, en: `The colon after the key "${key}" has no space after it: YAML reads "${key}:${value}" as one text, not as "key: value".` },
      label: { zh: '冒号后缺少空格', en: 'no space after the colon' },
      help: { zh: `在冒号后加一个空格：“${key}: ${value}”。`, en: `Add a space after the colon: "${key}: ${value}".` },
    };
  }
  // A list item that lost its "- ": its siblings at the same indentation start with "- ".
  const indent = /^ */.exec(line)?.[0].length ?? 0;
  // An item or key indented a space or two off its siblings': the line before is of the same kind
  // (a list item, or a key with its value on the line) and does not open a block.
  const prev = siblings.prev;
  if (prev !== undefined) {
    const pIndent = /^ */.exec(prev)?.[0].length ?? 0;
    const isItem = (l: string) => /^ *-(\s|$)/.test(l);
    const isKeyValue = (l: string) => new RegExp(`^ *${KEY}\\s*:\\s+[^\\s#]`).test(l);
    const sameKind = (isItem(line) && isItem(prev)) || (isKeyValue(line) && isKeyValue(prev));
    if (sameKind && pIndent !== indent && Math.abs(pIndent - indent) <= 3) {
      return {
        // the indentation itself is what is wrong: point at it from the start of the line
        at: start,
        length: Math.max(1, indent),
        rule: 'input/yaml-syntax',
        message: {
          zh: `这一行缩进了 ${indent} 个空格，而上一行同一层级的${isItem(line) ? '列表项' : '键'}缩进了 ${pIndent} 个空格。`,
          en: `The indentation of this line is ${indent} spaces; the ${isItem(line) ? 'list item' : 'key'} of the same level on the line before is indented by ${pIndent}.`,
        },
        label: { zh: `应缩进 ${pIndent} 个空格`, en: `indent by ${pIndent}` },
        help: { zh: `把这一行改为缩进 ${pIndent} 个空格，与上一行对齐。`, en: `Indent this line by ${pIndent} spaces, in line with the one before.` },
      };
    }
  }
  const dashAt = (l: string | undefined) => l !== undefined && (/^ */.exec(l)?.[0].length ?? -1) === indent && /^ *-(\s|$)/.test(l);
  if (!/^ *-(\s|$)/.test(line) && c.trim() !== '' && (dashAt(siblings.prev) || dashAt(siblings.next))) {
    return {
      at: start + indent,
      length: 1,
      rule: 'input/yaml-syntax',
      message: { zh: '这一行缺少列表项的标记「- 」：同一列表的其他项都以「- 」开头。', en: 'This line lacks the list marker "- ": the other items of the same list start with "- ".' },
      label: { zh: '应以「- 」开头', en: 'should start with "- "' },
      help: { zh: `在这一行的内容前加上「- 」：“${' '.repeat(indent)}- ${c.trim()}”。`, en: `Put "- " before the content of this line: "${' '.repeat(indent)}- ${c.trim()}".` },
    };
  }
  return undefined;
}

/** The first bracket of a line that has no partner on the line, outside quotes. */
function unpairedBracket(c: string): { index: number; ch: string; open: boolean } | undefined {
  const stack: { index: number; ch: string }[] = [];
  let quote = '';
  for (let i = 0; i < c.length; i++) {
    const ch = c[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    // a quote opens a quoted scalar only where a value starts
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s,[{:]/.test(c[i - 1]))) quote = ch;
    else if (ch === '{' || ch === '[') {
      if (i === 0 || /[\s,[{:]/.test(c[i - 1]) || stack.length) stack.push({ index: i, ch });
    } else if (ch === '}' || ch === ']') {
      if (!stack.length) {
        if (c.slice(0, i).includes('{') || c.slice(0, i).includes('[')) return { index: i, ch, open: false };
        continue; // a bracket inside a plain text
      }
      const top = stack.pop()!;
      if ((top.ch === '{') !== (ch === '}')) return { index: i, ch, open: false };
    }
  }
  return stack.length ? { index: stack[0].index, ch: stack[0].ch, open: true } : undefined;
}

/**
 * The typo that most likely caused a YAML syntax error noticed at `offset`: the nearest one on the
 * error's line or the two content lines before it.
 */
export function diagnoseTypo(lines: LineIndex, offset: number, noticed: Span): Diagnostic | undefined {
  const errLine = lines.position(offset).line;
  const content: number[] = [];
  for (let l = 1; l <= lines.starts.length; l++) {
    const t = lines.line(l);
    if (t.trim() !== '' && !/^\s*#/.test(t)) content.push(l);
  }
  let k = content.findIndex((l) => l >= errLine);
  if (k === -1) k = content.length - 1;
  else if (content[k] > errLine) k--;
  for (let j = k; j >= 0 && j >= k - 2; j--) {
    const l = content[j];
    const found = lineTypo(lines.line(l), lines.starts[l - 1], { prev: j > 0 ? lines.line(content[j - 1]) : undefined, next: j + 1 < content.length ? lines.line(content[j + 1]) : undefined });
    // a missing "- " is only a guess on the error's own line
    if (found && (found.message.en.includes('lacks the list marker') ? l === errLine : true)) {
      const span = lines.span(found.at, found.at + found.length);
      return {
        severity: 'error',
        rule: found.rule,
        message: found.message,
        span,
        label: found.label,
        related: noticed.line === span.line && noticed.col === span.col ? [] : [{ span: noticed, label: { zh: 'YAML 解析器在这里出错', en: 'where the YAML parser failed' } }],
        figures: [],
        help: found.help,
      };
    }
  }
  return undefined;
}
