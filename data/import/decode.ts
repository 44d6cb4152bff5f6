/**
 * Bytes of an import file to text: UTF-8 with or without BOM, UTF-16 with BOM, and otherwise
 * GB18030 (what Excel writes as "CSV" on a Chinese Windows). Pure: TextDecoder only.
 */

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((x, i) => b[i] === x);

/** Decode an uploaded file whatever encoding a Chinese office tool saved it in. */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes); // not valid UTF-8: a legacy Chinese encoding
  }
}
