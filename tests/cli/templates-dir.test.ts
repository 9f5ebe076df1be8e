import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, STACK, budget } from './run.js';

const TEMPLATE_COUNT = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.liquid')).length;

describe('--templates naming a directory that cannot be used', () => {
  it('check: one input/templates-dir diagnostic naming the directory, exit 2', async () => {
    const r = await budget(['check', 'data/2023', '--templates', '/nonexistent-templates', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    const errors = JSON.parse(r.stdout).results[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(errors.map((d: { rule: string }) => d.rule)).toEqual(['input/templates-dir']);
    expect(errors[0].message).toContain('/nonexistent-templates');
  });

  it('human output says so once, and build writes nothing (exit 2)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'budget-tpl-'));
    const r = await budget(['build', 'data/2023', '--templates', '/nonexistent-templates', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stdout.match(/错误\[/g)).toHaveLength(1);
    expect(r.stdout).toContain('错误[input/templates-dir]');
    expect(r.stdout).not.toContain('template/missing-template');
    expect(readdirSync(out)).toEqual([]);
    rmSync(out, { recursive: true, force: true });
  });

  it('a directory missing only some templates still names each (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-tpl-'));
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    const gone = readdirSync(dir).filter((f) => f.endsWith('.liquid')).slice(0, 2);
    for (const f of gone) rmSync(join(dir, f));
    const r = await budget(['check', 'data/2023', '--templates', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).results[0].diagnostics.map((d: { rule: string }) => d.rule);
    expect(rules.filter((x: string) => x === 'template/missing-template')).toHaveLength(gone.length);
    expect(rules).not.toContain('input/templates-dir');
    expect(TEMPLATE_COUNT).toBeGreaterThan(gone.length);
    rmSync(dir, { recursive: true, force: true });
  });
});
