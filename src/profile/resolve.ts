import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The layout a department-year gets when its data names none: the one every existing data set was written for. */
export const DEFAULT_PROFILE = 'shenzhen';

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Where a profile reference points: a bare name is `<profiles>/<name>.yaml` (the package's
 * profiles); anything else is a path to a profile file (relative to the data directory unless
 * absolute), so a department can keep its own layout next to its data.
 */
export function profileFile(ref: string | undefined, dataDir: string, profilesDir: string): { file: string; named: boolean } {
  const r = ref ?? DEFAULT_PROFILE;
  if (NAME.test(r)) return { file: join(profilesDir, `${r}.yaml`), named: true };
  return { file: isAbsolute(r) ? r : join(dataDir, r), named: false };
}

/** The templates directory a profile names, relative to the profile file. */
export function templatesDirOf(profileFile: string, templates: string): string {
  return isAbsolute(templates) ? templates : join(dirname(profileFile), templates);
}

/** A profile's name: its file name without `.yaml`, or its folder's name for a `<folder>/profile.yaml`. */
export function profileName(file: string): string {
  const parts = resolve(file).split(/[\\/]/);
  const base = parts.pop()!.replace(/\.ya?ml$/, '');
  return base === 'profile' && parts.length ? parts.pop()! : base;
}
