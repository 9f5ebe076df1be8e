import type { Diagnostic, RuleDoc } from '../diagnostics/diagnostic.js';
import { keyText } from '../source/index.js';
import type { Node, Path } from '../source/tree.js';
import { pathText } from './nodes.js';

/**
 * Names (the department's, its units', divisions', projects' and rows' `name`) become file names,
 * the cover title and table labels. A control character (NUL, a line break), a bidirectional
 * override (U+202E turns "fdp.exe" into what reads as "exe.pdf") or a zero-width character cannot be
 * seen in the data yet splits a title, hides in a file name or makes two different names look
 * the same. They are refused where they are written.
 */
export const NAME_CHARACTER_RULE = 'shape/name-character';

/** A name that is empty or only spaces: an empty cover title, table label or file name. */
export const EMPTY_NAME_RULE = 'shape/empty-name';

export const NAME_RULES: readonly RuleDoc[] = [
  {
    id: EMPTY_NAME_RULE,
    severity: 'error',
    title: { zh: '名称是空的', en: 'A name is empty' },
    explain: {
      zh: '部门、单位、内设机构、项目和科目的名称会写进封面标题、表格和文件名。写成 "" 或只有空格的名称会得到没有标题的封面和没有名称的行，因此不接受：填写名称。',
      en: 'The names of the department, its units, divisions, projects and classification rows go into the cover title, the tables and the file names. A name written as "" or as spaces only gives a cover without a title and rows without a name, so it is refused: write the name.',
    },
    example: {
      zh: 'department.yaml:\n  department:\n    name: ""\n→ 名称 department.name 是空的',
      en: 'department.yaml:\n  department:\n    name: ""\n→ the name department.name is empty',
    },
  },
  {
    id: NAME_CHARACTER_RULE,
    severity: 'error',
    title: { zh: '名称中含有控制字符或不可见字符', en: 'A name holds a control or invisible character' },
    explain: {
      zh: '部门、单位、内设机构、项目和科目的名称会写进文件名、封面标题和表格。控制字符（如 NUL、换行）、双向文本控制符（如 U+202E，会把文字倒过来显示）和零宽字符（如 U+200B）在数据里看不见，却会截断标题、藏进文件名，或让两个不同的名称看起来一样，因此不接受。这类字符多半随复制粘贴带入：删除它们，重新输入名称。',
      en: 'The names of the department, its units, divisions, projects and classification rows go into file names, the cover title and the tables. Control characters (NUL, a line break), bidirectional controls (such as U+202E, which displays text reversed) and zero-width characters (such as U+200B) cannot be seen in the data, yet they cut a title short, hide in a file name or make two different names look alike, so they are refused. They usually come with copy and paste: delete them and type the name again.',
    },
    example: {
      zh: 'department.yaml:\n  department:\n    name: "某某区示例局\\u202E"\n→ 名称含有 U+202E（从右至左覆盖）',
      en: 'department.yaml:\n  department:\n    name: "某某区示例局\\u202E"\n→ the name holds U+202E (right-to-left override)',
    },
  },
];

/** C0 and C1 controls, bidirectional controls, zero-width and other invisible format characters, line separators. */
const REFUSED = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;

const NAMES: Readonly<Record<number, { zh: string; en: string }>> = {
  0x00: { zh: '空字符 NUL', en: 'NUL' },
  0x09: { zh: '制表符', en: 'tab' },
  0x0a: { zh: '换行', en: 'line feed' },
  0x0d: { zh: '回车', en: 'carriage return' },
  0x200b: { zh: '零宽空格', en: 'zero width space' },
  0x200c: { zh: '零宽非连接符', en: 'zero width non-joiner' },
  0x200d: { zh: '零宽连接符', en: 'zero width joiner' },
  0x200e: { zh: '从左至右标记', en: 'left-to-right mark' },
  0x200f: { zh: '从右至左标记', en: 'right-to-left mark' },
  0x202a: { zh: '从左至右嵌入', en: 'left-to-right embedding' },
  0x202b: { zh: '从右至左嵌入', en: 'right-to-left embedding' },
  0x202c: { zh: '嵌入结束', en: 'pop directional formatting' },
  0x202d: { zh: '从左至右覆盖', en: 'left-to-right override' },
  0x202e: { zh: '从右至左覆盖', en: 'right-to-left override' },
  0x2066: { zh: '从左至右隔离', en: 'left-to-right isolate' },
  0x2067: { zh: '从右至左隔离', en: 'right-to-left isolate' },
  0x2068: { zh: '首强隔离', en: 'first strong isolate' },
  0x2069: { zh: '隔离结束', en: 'pop directional isolate' },
  0x2060: { zh: '词连接符', en: 'word joiner' },
  0xfeff: { zh: '零宽不换行空格（BOM）', en: 'zero width no-break space (BOM)' },
};

function describe(c: string): { zh: string; en: string } {
  const cp = c.codePointAt(0)!;
  const u = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  const n = NAMES[cp];
  return n ? { zh: `${u}（${n.zh}）`, en: `${u} (${n.en})` } : { zh: `${u}（控制或不可见字符）`, en: `${u} (a control or invisible character)` };
}

/** Every `name` (and each of a unit's `divisions`) that is empty or holds a refused character, at its node. */
export function nameCharacters(root: Node): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (n: Node, path: Path) => {
    if (n.kind !== 'scalar' || typeof n.value !== 'string') return;
    // \s covers the full-width space U+3000 a Chinese input method types.
    if (n.value.trim() === '') {
      const at = pathText(path);
      out.push({
        severity: 'error',
        rule: EMPTY_NAME_RULE,
        message: { zh: `名称 ${at} 是空的`, en: `the name ${at} is empty` },
        span: n.span,
        label: { zh: '空的名称', en: 'empty name' },
        related: [],
        figures: [],
        help: { zh: '填写名称：它会写进封面、表格和文件名', en: 'write the name: it goes into the cover, the tables and the file names' },
      });
      return;
    }
    const m = REFUSED.exec(n.value);
    if (!m) return;
    const what = describe(m[0]);
    const at = pathText(path);
    out.push({
      severity: 'error',
      rule: NAME_CHARACTER_RULE,
      message: { zh: `名称 ${at} 含有 ${what.zh}`, en: `the name ${at} holds ${what.en}` },
      span: n.span,
      label: { zh: `含有 ${what.zh}`, en: `holds ${what.en}` },
      related: [],
      figures: [],
      help: { zh: '删除这个看不见的字符（多半随复制粘贴带入），重新输入名称', en: 'delete the invisible character (it usually comes with copy and paste) and type the name again' },
    });
  };
  // One path, pushed and popped (a copy per node cost a 10,000-row department an array per key);
  // check reads it only to name a finding, before the walk moves on.
  const path: (string | number)[] = [];
  const walk = (n: Node) => {
    if (n.kind === 'seq') {
      for (let i = 0; i < n.items.length; i++) {
        path.push(i);
        walk(n.items[i]);
        path.pop();
      }
    }
    if (n.kind !== 'map') return;
    for (const e of n.entries) {
      const k = keyText(e.key);
      path.push(k);
      if (k === 'name') check(e.value, path);
      else if (k === 'divisions' && e.value.kind === 'seq')
        for (let i = 0; i < e.value.items.length; i++) {
          path.push(i);
          check(e.value.items[i], path);
          path.pop();
        }
      else walk(e.value);
      path.pop();
    }
  };
  walk(root);
  return out;
}
