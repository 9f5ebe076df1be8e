import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { WorldError, type World } from './world.js';

/** The yaml files of a directory with their bytes, ready for `parseSources`; problems as diagnostics. */
export function readSources(
  world: World,
  dir: string,
): { files: { path: string; bytes: Uint8Array }[]; diagnostics: Diagnostic[] } {
  const listed = world.listYamlFiles(dir);
  const diagnostics = [...listed.diagnostics];
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const path of listed.files) {
    try {
      files.push({ path, bytes: world.readFile(path) });
    } catch (e) {
      if (e instanceof WorldError) diagnostics.push(e.diagnostic);
      else throw e;
    }
  }
  return { files, diagnostics };
}
