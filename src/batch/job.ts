import { buildDir, checkDir, type PendingWrite } from '../compile.js';
import type { DirResult } from '../diagnostics/result.js';
import type { World } from '../world/index.js';
import type { Job, Reply } from './protocol.js';

/**
 * Runs one job, in a worker or in the main thread: the same code either way. The loaded budget and
 * templates are dropped (a worker sends only what the report needs). A thrown exception is a bug:
 * it becomes an `internal` reply, and the batch goes on with the other items.
 */
export async function runJob(job: Job, world: World, now: () => number): Promise<Reply> {
  const t0 = now();
  try {
    if (job.kind === 'check') return { id: job.id, result: reportOnly(checkDir(job.dir, world, job.opts)), ms: now() - t0 };
    const { pending, ...result }: DirResult & { pending?: PendingWrite } = await buildDir(job.dir, world, job.opts);
    return { id: job.id, result, ms: now() - t0, ...(pending ? { pending } : {}) };
  } catch (e) {
    return { id: job.id, internal: e instanceof Error ? (e.stack ?? e.message) : String(e), ms: now() - t0 };
  }
}

function reportOnly(c: ReturnType<typeof checkDir>): DirResult {
  const { budget: _b, profile: _p, templates: _t, ...result } = c;
  return result;
}
