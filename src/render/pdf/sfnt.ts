/** A table of a TrueType/OpenType file: where its bytes are. */
export interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

/** The table directory of a TrueType/OpenType file, or undefined when it does not fit the file. */
export function tableDirectory(bytes: Uint8Array): Map<string, TableRecord> | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(4);
  if (12 + 16 * count > bytes.length) return undefined;
  const out = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) return undefined;
    out.set(tag, { offset, length });
  }
  return out;
}
