import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Text } from '../model/budget.js';
import type { SourceFile } from '../source/tree.js';
import { suggest } from '../schema/suggest.js';
import { WorldError, type World } from '../world/index.js';
import { parseProfile } from './parse.js';
import { DEFAULT_PROFILE, profileFile, profileName, templatesDirOf } from './resolve.js';
import { PROFILE_UNKNOWN_RULE } from './rules.js';
import type { Profile } from './schema.js';

export interface LoadedProfile {
  readonly profile?: Profile;
  /** The profile file, when it was read: its diagnostics' code frames quote it. */
  readonly source?: SourceFile;
  /** The templates directory the profile names, resolved against the profile file. */
  readonly templatesDir: string;
  readonly diagnostics: Diagnostic[];
}

/**
 * The profile a department-year names (`department.profile`, else the default), read through the
 * world and validated. A name that is not one of the package's profiles is `profile/unknown` at
 * the data's `profile:` line, with the names there are.
 */
export function readProfile(world: World, dataDir: string, ref: Text | undefined, profilesDir: string): LoadedProfile {
  const { file, named } = profileFile(ref?.text, dataDir, profilesDir);
  let text: string;
  try {
    text = world.readText(file);
  } catch (e) {
    if (!(e instanceof WorldError)) throw e;
    const diagnostic = named ? unknownProfile(world, ref, profilesDir, e.diagnostic) : { ...e.diagnostic, ...(ref?.span ? { span: ref.span } : {}) };
    return { templatesDir: '', diagnostics: [diagnostic] };
  }
  const parsed = parseProfile(file, text);
  return { ...parsed, source: { path: file, text }, templatesDir: parsed.profile ? templatesDirOf(file, parsed.profile.templates) : '' };
}

/** The names of the package's profiles (`<profiles>/<name>.yaml`). */
export function profileNames(world: World, profilesDir: string): string[] {
  return world.listYamlFiles(profilesDir).files.map(profileName);
}

function unknownProfile(world: World, ref: Text | undefined, profilesDir: string, read: Diagnostic): Diagnostic {
  const name = ref?.text ?? DEFAULT_PROFILE;
  const known = profileNames(world, profilesDir);
  const guess = suggest(name, known);
  return {
    severity: 'error',
    rule: PROFILE_UNKNOWN_RULE,
    message: {
      zh: `版式“${name}”不存在（${profilesDir} 中没有 ${name}.yaml）`,
      en: `There is no profile "${name}" (${profilesDir} holds no ${name}.yaml)`,
    },
    ...(ref?.span ? { span: ref.span } : {}),
    ...(guess ? { label: { zh: `是不是 “${guess}”？`, en: `did you mean "${guess}"?` } } : {}),
    related: [],
    figures: [],
    help: known.length
      ? { zh: `可用的版式：${known.join('、')}；或写版式文件的路径（相对于数据目录）`, en: `profiles: ${known.join(', ')}; or write the path of a profile file (relative to the data directory)` }
      : { zh: read.message.zh, en: read.message.en },
  };
}
