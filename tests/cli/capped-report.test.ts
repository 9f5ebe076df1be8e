// A file with thousands of findings of one kind lists the first 20 and one closing line for the rest
// (src/schema/validate.ts capPerRule). What the user reads must still be true: the closing line says
// "fix the ones listed above", so it comes after them, and the summary counts every finding, not
// the 20 listed plus the closing line (it once said "21 个错误" for 5,000 unknown keys, and printed
// the closing line before the findings it follows).
import { describe, expect, it } from 'vitest';
import { budget, copyReference } from './run.js';

const N = 5000;
const { dir } = copyReference({
  file: 'department.yaml',
  from: 'department:\n',
  to: 'department:\n' + Array.from({ length: N }, (_, i) => `  stray_${i}: ${i}\n`).join(''),
});

describe('a capped rule in the report', () => {
  it('human: the closing line follows the 20 listed findings, and the summary counts all 5,000', async () => {
    const r = await budget(['check', dir, '--no-color']);
    expect(r.code).toBe(2);
    const out = r.stdout + r.stderr;
    const closing = out.indexOf('……另有 4980 处 shape/unknown-key 未列出');
    expect(closing).toBeGreaterThan(-1);
    const lastListed = out.lastIndexOf('未知的键 “stray_19”');
    expect(lastListed).toBeGreaterThan(-1);
    expect(out.indexOf('未知的键 “stray_0”')).toBeLessThan(closing);
    expect(lastListed).toBeLessThan(closing);
    expect(out).toContain(`${N} 个错误`);
    expect(out).not.toContain('21 个错误');
  });

  it('json: counts.error is 5,000 and the closing line is the last error listed', async () => {
    const r = await budget(['check', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const res = report.results[0];
    expect(res.counts.error).toBe(N);
    const errors = res.diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(errors).toHaveLength(21);
    expect(errors[20].message).toBe('……另有 4980 处 shape/unknown-key 未列出（共 5000 处，只列出前 20 处）');
    expect(errors[0].message).toBe('未知的键 “stray_0”（在 department（部门））');
  });
});
