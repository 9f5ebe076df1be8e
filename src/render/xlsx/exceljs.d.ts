/** The Workbook class alone (render.ts): exceljs types only its package entry. */
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: new () => Workbook;
  export default WorkbookClass;
}
