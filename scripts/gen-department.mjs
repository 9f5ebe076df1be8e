#!/usr/bin/env node
// Generates SYNTHETIC department-years for benchmarks and scale tests: invented departments whose
// every sum is consistent (no rounding notes), so `budget check` passes and `budget build` writes
// them. Deterministic: the same arguments write the same bytes.
//
//   node scripts/gen-department.mjs <out-dir> --rows N [--departments K] [--years Y] [--first-year 2021] [--projects P]
//
// N is the number of classification rows, split between functional (类/款/项, 3/5/7 digits) and
// economic (类/款, 3/5 digits) rows. Layout: with one department and one year, <out-dir> is the
// department-year; with several years, <out-dir>/<year>/; with several departments,
// <out-dir>/<department>/<year>/ (see docs/batch.md). Consecutive years of a department agree on
// their prior-year figures (prior_year, three_public.last_year), so the cross-check passes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function usage(msg) {
  if (msg) process.stderr.write(`gen-department: ${msg}\n`);
  process.stderr.write('usage: node scripts/gen-department.mjs <out-dir> --rows N [--departments K] [--years Y] [--first-year YYYY] [--projects P]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const opts = { rows: undefined, departments: 1, years: 1, firstYear: 2021, projects: undefined };
let out;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const num = () => {
    const v = Number(args[++i]);
    if (!Number.isInteger(v) || v < 1) usage(`${a} needs a whole number ≥ 1`);
    return v;
  };
  if (a === '--rows') opts.rows = num();
  else if (a === '--departments') opts.departments = num();
  else if (a === '--years') opts.years = num();
  else if (a === '--first-year') opts.firstYear = num();
  else if (a === '--projects') opts.projects = num();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (out === undefined) out = a;
  else usage(`unexpected argument ${a}`);
}
if (!out) usage('no output directory');
if (!opts.rows) usage('--rows is required');
if (opts.rows < 6) usage('--rows must be at least 6');

/** mulberry32: a small deterministic PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w) => String(n).padStart(w, '0');
const HEADER = (what) => `# 合成数据 SYNTHETIC: an invented department-year written by scripts/gen-department.mjs (${what}).\n# Not a real department; every sum is consistent. Regenerate rather than edit.\n\n`;

/**
 * Functional rows: F rows as 类 (1) + 款 (k) + 项 (k·x) blocks. Leaves (项) get basic and project
 * amounts; 款 and 类 rows declare the sums of their children (all checked by budget check).
 */
function functionalRows(F, rnd) {
  // Each 类 block: 1 + K款 × (1 + X项). Pick K and X so blocks hold ~100 rows when F is large.
  const K = F >= 400 ? 9 : F >= 60 ? 4 : 1;
  const X = F >= 400 ? 10 : F >= 60 ? 3 : 1;
  const block = 1 + K * (1 + X);
  const classes = [];
  let left = F;
  let cls = 0;
  while (left > 0) {
    if (cls >= 99) throw new Error('too many functional rows for 3-digit codes (at most about 99 classes)');
    const code = String(201 + cls);
    const rows = Math.min(left, block);
    // Fill this class with as many 款 (each with up to X 项) as `rows` allows.
    const kuan = [];
    let r = rows - 1;
    let k = 0;
    while (r > 0) {
      const kc = code + pad(k + 1, 2);
      r -= 1;
      const n = Math.min(X, r);
      const xiang = [];
      for (let j = 0; j < n; j++) xiang.push({ code: kc + pad(j + 1, 2), name: `合成项 ${kc + pad(j + 1, 2)}`, basic: Math.floor(rnd() * 300), project: rnd() < 0.5 ? 0 : Math.floor(rnd() * 900) });
      r -= n;
      // A 款 without 项 is itself a leaf.
      kuan.push({ code: kc, name: `合成款 ${kc}`, xiang, basic: xiang.length ? 0 : Math.floor(rnd() * 300), project: xiang.length ? 0 : Math.floor(rnd() * 500) });
      k++;
    }
    classes.push({ code, name: `合成类 ${code}`, kuan, basic: kuan.length ? 0 : 1 + Math.floor(rnd() * 100), project: 0 });
    left -= rows;
    cls++;
  }
  // Sums bottom-up.
  for (const c of classes) {
    for (const k of c.kuan) {
      if (k.xiang.length) {
        k.basic = k.xiang.reduce((a, x) => a + x.basic, 0);
        k.project = k.xiang.reduce((a, x) => a + x.project, 0);
      }
    }
    if (c.kuan.length) {
      c.basic = c.kuan.reduce((a, x) => a + x.basic, 0);
      c.project = c.kuan.reduce((a, x) => a + x.project, 0);
    }
  }
  return classes;
}

/** Splits `total` into `n` non-negative integers (deterministic weights). */
function split(total, n, rnd) {
  if (n === 1) return [total];
  const w = Array.from({ length: n }, () => 1 + Math.floor(rnd() * 100));
  const sw = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sw));
  parts[n - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** Economic rows: E rows as 类 (3 digits) with 款 (5 digits), the basic and project totals split over the 款. */
function economicRows(E, basic, project, rnd) {
  const per = E >= 200 ? 99 : E >= 12 ? 5 : 1; // rows per class block (1 类 + per−1 款)
  const nClasses = Math.ceil(E / per);
  if (nClasses > 99) throw new Error('too many economic rows for 3-digit codes');
  const sizes = [];
  let left = E;
  for (let i = 0; i < nClasses; i++) {
    sizes.push(Math.min(per, left));
    left -= per;
  }
  const leavesPer = sizes.map((s) => Math.max(1, s - 1));
  const nLeaves = leavesPer.reduce((a, b) => a + b, 0);
  const b = split(basic, nLeaves, rnd);
  const p = split(project, nLeaves, rnd);
  const classes = [];
  let li = 0;
  for (let i = 0; i < nClasses; i++) {
    const code = String(301 + i);
    if (sizes[i] === 1) {
      classes.push({ code, name: `合成经济类 ${code}`, kuan: [], basic: b[li], project: p[li] });
      li++;
      continue;
    }
    const kuan = [];
    for (let j = 0; j < sizes[i] - 1; j++, li++) kuan.push({ code: code + pad(j + 1, 2), name: `合成经济款 ${code + pad(j + 1, 2)}`, basic: b[li], project: p[li] });
    classes.push({ code, name: `合成经济类 ${code}`, kuan, basic: kuan.reduce((a, x) => a + x.basic, 0), project: kuan.reduce((a, x) => a + x.project, 0) });
  }
  return classes;
}

const row = (code, name, basic, project) => `    - {code: ${code}, name: ${name}, total: ${basic + project}, basic: ${basic}, project: ${project}}\n`;

function departmentYear(dept, year, prior, rnd) {
  const F = Math.ceil(opts.rows / 2);
  const E = opts.rows - F;
  const fun = functionalRows(F, rnd);
  const basic = fun.reduce((a, c) => a + c.basic, 0);
  const project = fun.reduce((a, c) => a + c.project, 0);
  const total = basic + project;
  const eco = economicRows(E, basic, project, rnd);
  const nProjects = Math.max(1, Math.min(opts.projects ?? Math.ceil(opts.rows / 100), project > 0 ? project : 1));
  const amounts = project > 0 ? split(project, nProjects, rnd) : [];
  const projects = amounts.map((amount, i) => ({ name: `合成项目 ${pad(i + 1, 4)}`, amount }));
  const tp = { abroad: Math.floor(rnd() * 20), reception: Math.floor(rnd() * 10), vehicle_purchase: rnd() < 0.3 ? Math.floor(rnd() * 30) : 0, vehicle_running: Math.floor(rnd() * 15) };
  tp.vehicles = tp.vehicle_purchase + tp.vehicle_running;
  tp.total = tp.abroad + tp.reception + tp.vehicles;
  const running = Math.floor(rnd() * 50);
  const name = dept.name;
  const files = {};

  files['department.yaml'] =
    HEADER(`${opts.rows} classification rows`) +
    `department:\n  name: ${name}\n  supervisor: 合成示例区财政局\n  year: ${year}\n  unit: 万元\n  duties:\n    - 负责本部门职责范围内的各项工作（合成）。\n    - 完成上级交办的其他任务。\n` +
    `  goals: 完成年度工作任务（合成）。\n  units:\n    - name: ${name}\n      divisions: [综合科, 业务科]\n      staffing: {admin_quota: 10, admin_actual: 9, inst_quota: 5, inst_actual: 5, retired_veteran: 0, retired: 2}\n\n` +
    `prose:\n  change_reason: 根据年度工作任务调整预算（合成）。\n  running_cost_note: 主要用于保障机关日常运转（合成）。\n  other_notes:\n    - 本部门无政府性基金预算支出、国有资本经营预算支出（合成）。\n\n` +
    `prior_year:\n  year: ${year - 1}\n  income_total: ${prior.total}\n  expenditure_total: ${prior.total}\n  running_cost: ${prior.running}\n`;

  files['income.yaml'] =
    HEADER('income') +
    `income:\n  total: ${total}\n  current_total: ${total}\n  government: ${total}\n  general:\n    total: ${total}\n    basic: ${basic}\n    performance: ${project}\n    special: 0\n    investment: 0\n` +
    `  gov_fund: 0\n  soe: 0\n  special_account: 0\n  carryover: 0\n\nexpenditure:\n  current_total: ${total}\n  carry_forward: 0\n  total: ${total}\n`;

  let f = HEADER('functional classification') + `functional:\n  total: {total: ${total}, basic: ${basic}, project: ${project}}\n  rows:\n`;
  for (const c of fun) {
    f += row(c.code, c.name, c.basic, c.project);
    for (const k of c.kuan) {
      f += row(k.code, k.name, k.basic, k.project);
      for (const x of k.xiang) f += row(x.code, x.name, x.basic, x.project);
    }
  }
  files['functional.yaml'] = f;

  let e = HEADER('economic classification') + `economic:\n  total: {total: ${total}, basic: ${basic}, project: ${project}}\n  rows:\n`;
  for (const c of eco) {
    e += row(c.code, c.name, c.basic, c.project);
    for (const k of c.kuan) e += row(k.code, k.name, k.basic, k.project);
  }
  // Part 3's breakdown: every economic 类 in one of the three lines (amounts computed from their basic column).
  const third = (r) => eco.filter((_, i) => i % 3 === r).map((c) => c.code);
  const line = (key, codes, includes) =>
    codes.length ? `  ${key}:\n    amount: ${eco.filter((c) => codes.includes(c.code)).reduce((a, c) => a + c.basic, 0)}\n    includes: ${includes}\n    codes: [${codes.join(', ')}]\n` : `  ${key}:\n    amount: 0\n    includes: ${includes}\n    codes: []\n`;
  e += `\nsummary:\n  total: ${total}\n` + line('personnel', third(0), '工资福利支出（合成）。') + line('public', third(1), '公用经费（合成）。') + line('household', third(2), '对个人和家庭的补助（合成）。') + `  project: ${project}\n`;
  files['economic.yaml'] = e;

  let p = HEADER('projects') + 'projects:\n';
  if (!projects.length) p = HEADER('projects') + 'projects: []\n';
  projects.forEach((pr, i) => {
    const [a, b] = pr.amount >= 2 ? split(pr.amount, 2, rnd) : [pr.amount, 0];
    p += `  - name: ${pr.name}\n    amount: ${pr.amount}\n    kind: performance\n    items:\n      - {name: 合成子项 A, amount: ${a}}\n      - {name: 合成子项 B, amount: ${b}}\n`;
    if (i < 2) p += `    performance:\n      goal: 本项目的年度总体目标是：完成合成任务 ${i + 1}。\n      indicators:\n        - {label: 数量指标, text: 完成率 100%。}\n        - {label: 质量指标, text: 合格率 100%。}\n`;
  });
  files['projects.yaml'] = p;

  const tpYear = (t) => `    total: ${t.total}\n    abroad: ${t.abroad}\n    reception: ${t.reception}\n    vehicles: ${t.vehicles}\n    vehicle_purchase: ${t.vehicle_purchase}\n    vehicle_running: ${t.vehicle_running}\n`;
  files['other.yaml'] =
    HEADER('procurement, 三公, running cost, assets') +
    `procurement:\n  total: 0\n  goods: 0\n  works: 0\n  services: 0\n\nthree_public:\n  this_year:\n${tpYear(tp)}  last_year:\n${tpYear(prior.tp)}\n` +
    `running_cost: ${running}\n\nassets:\n  as_of: ${year - 1} 年 10 月\n  vehicles: 1\n  general_equipment: 2\n  special_equipment: 0\n`;

  let t = HEADER('Table 12') + 'performance:\n  tasks:\n';
  for (const pr of projects) t += `    - {name: ${pr.name}, content: 合成任务, total: ${pr.amount}, fiscal: ${pr.amount}, other: 0, ref: {project: ${pr.name}}}\n`;
  t += `    - {name: 人员类支出, content: 在职人员经费（合成）, total: ${basic}, fiscal: ${basic}, other: 0, ref: {basic: true}}\n`;
  t +=
    `  total: ${total}\n  total_fiscal: ${total}\n  total_other: 0\n  goal: 完成年度合成任务。\n  indicators:\n` +
    `    - {level1: 产出, level2: 数量, level3: 任务完成率, target: 100%}\n    - {level1: 成本, level3: 支出进度达标率, target: ≥95%}\n    - {level1: 满意度, level2: 服务对象满意度, level3: 满意度, target: ≥90%}\n`;
  files['performance.yaml'] = t;
  return { files, next: { total, running, tp } };
}

let written = 0;
for (let d = 0; d < opts.departments; d++) {
  const dept = { id: `dept-${pad(d + 1, 3)}`, name: `合成示例区第${d + 1}局` };
  const rnd = prng(0x5eed + d * 7919 + opts.rows);
  // The year before the first: invented totals the first year compares with.
  let prior = { total: 1000 + Math.floor(rnd() * 9000), running: Math.floor(rnd() * 50), tp: { total: 0, abroad: 0, reception: 0, vehicles: 0, vehicle_purchase: 0, vehicle_running: 0 } };
  for (let y = 0; y < opts.years; y++) {
    const year = opts.firstYear + y;
    const dir = opts.departments > 1 ? join(out, dept.id, String(year)) : opts.years > 1 ? join(out, String(year)) : out;
    const { files, next } = departmentYear(dept, year, prior, rnd);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    prior = next;
    written++;
  }
}
process.stderr.write(`gen-department: wrote ${written} department-year(s) of ${opts.rows} classification rows under ${out}\n`);
