import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

/**
 * The build identity a written file carries, read back from the bytes independently of the
 * renderers: the PDF's info entry /BudgetBuild (a literal string, direct or through an indirect
 * object) and the XLSX's docProps/custom.xml property BudgetBuild.
 */
export function identityOf(file: string): string | undefined {
  const bytes = readFileSync(file);
  if (file.endsWith('.pdf')) {
    const text = bytes.toString('latin1');
    const direct = /\/BudgetBuild\s*\(([^)]*)\)/.exec(text);
    if (direct) return direct[1];
    const ref = /\/BudgetBuild\s+(\d+)\s+0\s+R/.exec(text);
    if (!ref) return undefined;
    return new RegExp(`(?:^|\\n)${ref[1]} 0 obj\\s*\\(([^)]*)\\)`).exec(text)?.[1];
  }
  const custom = unzipSync(new Uint8Array(bytes))['docProps/custom.xml'];
  if (!custom) return undefined;
  return /<property [^>]*name="BudgetBuild"[^>]*><vt:lpwstr>([^<]*)<\/vt:lpwstr><\/property>/.exec(strFromU8(custom))?.[1];
}
