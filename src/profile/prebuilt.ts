import type { Profile } from './schema.js';

/**
 * The package's own profiles, already read and validated: each file's text and the profile it
 * gives. Empty here; scripts/bundle.mjs fills it in the bundle from profiles/*.yaml (through this
 * module's own parseProfile, as tsc emitted it), so a command that uses a shipped profile skips its
 * YAML parse and its zod validation, some 8 ms of every cold check, while a profile file that has
 * been edited since the build (its text differs) is still read and validated as any other.
 */
export const PREBUILT_PROFILES: readonly { readonly text: string; readonly profile: Profile }[] = [];
