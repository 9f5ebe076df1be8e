/**
 * The slice of pdfmake 0.3's server-side API this renderer uses (pdfmake ships no types of its own
 * and @types/pdfmake describes 0.2). The document definition itself is kept loosely typed: it is
 * built in one place (definition.ts) and checked by the read-back tests.
 */
declare module 'pdfmake' {
  interface VirtualFs {
    existsSync(name: string): boolean;
    writeFileSync(name: string, content: Uint8Array): void;
    readFileSync(name: string): Uint8Array;
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
    /** The PDFKit document, laid out and drawn, not yet finished (breaks.ts never finishes it). */
    getStream(): Promise<unknown>;
  }
  interface PdfMake {
    readonly virtualfs: VirtualFs;
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: object, options?: object): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
