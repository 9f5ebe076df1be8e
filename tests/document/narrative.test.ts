import { describe, expect, test } from 'vitest';
import { budgetToDocument } from '../../src/document/index.js';
import type { Document } from '../../src/document/index.js';
import { loadBudget, loadTemplates } from './load.js';

/**
 * The narrative of a department kept in 元 with two decimals (fixtures/synthetic-yuan-2024): its
 * figures print with two decimals, its counts (people, vehicles, equipment) as whole numbers.
 */
const templates = loadTemplates();
const narrative = (dir: string): string[] => {
  const doc = budgetToDocument(loadBudget(dir), templates).doc as Document;
  return doc.sections[0].blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.kind === 'list' ? [...b.items] : []));
};
const yuan = narrative('fixtures/synthetic-yuan-2024');

describe('counts print as whole numbers in a 元 document', () => {
  test('Part 1: staffing of the department and of each unit (department.yaml)', () => {
    expect(yuan).toContain(
      '示例区城市更新服务中心包括示例区城市更新服务中心、示例区社区环境事务所共 2 家基层单位。' +
        '行政编制总数 5 人，实有在编人数 4 人；事业编制总数 28 人，实有在编人数 25 人；离休 1 人，退休 5 人。',
    );
    expect(yuan).toContain(
      '示例区城市更新服务中心下设综合部、项目部、技术部，共 3 个部门。' +
        '行政编制数 5 人，实有在编人数 4 人；事业编制数 20 人，实有在编人数 18 人；离休 0 人，退休 3 人。',
    );
    expect(yuan).toContain(
      '示例区社区环境事务所下设事务部，共 1 个部门。' +
        '行政编制数 0 人，实有在编人数 0 人；事业编制数 8 人，实有在编人数 7 人；离休 1 人，退休 2 人。',
    );
  });

  test('Part 8: assets held and planned (other.yaml)', () => {
    expect(yuan).toContain(
      '截至 2023 年 10 月，示例区城市更新服务中心共有车辆 2 辆；单价 50 万元以上通用设备 3 台（套），单价 100 万元以上专用设备 1 台（套）。',
    );
    expect(yuan).toContain('2024 年计划新增车辆 0 辆；新增单价 50 万元以上通用设备 1 台（套）；新增单价 100 万元以上专用设备 0 台（套）。');
  });
});
