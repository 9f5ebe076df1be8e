import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutFeeds, type FeedsOf } from '../../src/document/index.js';
import type { Budget } from '../../src/model/budget.js';
import { parseProfile, type Profile } from '../../src/profile/index.js';

/** A profile file and its templates directory (relative to it), read from disk. */
export function readLayout(file: string): { profile: Profile; templates: { path: string; text: string }[] } {
  const profile = parseProfile(file, readFileSync(file, 'utf8')).profile!;
  const dir = join(file, '..', profile.templates);
  const templates = readdirSync(dir)
    .filter((n) => n.endsWith('.liquid'))
    .map((n) => ({ path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
  return { profile, templates };
}

const shenzhen = readLayout('profiles/shenzhen.yaml');

/** Where the default layout (profiles/shenzhen.yaml) shows each figure of `b`, as the compiler derives it. */
export function shenzhenFeeds(b: Budget): FeedsOf {
  return layoutFeeds(b, shenzhen.profile, shenzhen.templates);
}
