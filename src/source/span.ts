/** A place in a source file. Lines and columns are 1-based, as editors and compilers print them. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  /** Byte-free character offsets into the file text, for code frames. */
  readonly offset: number;
  readonly length: number;
}

export function formatSpan(s: Span): string {
  return `${s.file}:${s.line}:${s.col}`;
}
