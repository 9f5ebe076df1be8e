import type { BuildOptions, CheckOptions, PendingWrite } from '../compile.js';
import type { DirResult } from '../diagnostics/result.js';

/** What the main thread asks a worker: one department-year. */
export type Job =
  | { readonly id: number; readonly kind: 'check'; readonly dir: string; readonly opts: CheckOptions }
  | { readonly id: number; readonly kind: 'build'; readonly dir: string; readonly opts: BuildOptions };

/**
 * A worker's answer: the result, or a bug's stack (an internal error: exit 70). A build's result
 * may come with its files still to write (`pending`): the main thread writes them.
 */
export type Reply =
  | { readonly id: number; readonly result: DirResult; readonly ms: number; readonly pending?: PendingWrite }
  | { readonly id: number; readonly internal: string; readonly ms: number };

/** A worker's first message, from its first line: it has booted (run.ts sets V8's flags after). */
export interface Booted {
  readonly booted: true;
}

/** What a worker is started with: font files already read, in shared memory, by path. */
export interface WorkerData {
  readonly fontFiles: readonly (readonly [string, SharedArrayBuffer])[];
}
