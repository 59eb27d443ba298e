import { isUtf8 } from 'node:buffer';

/**
 * Decodes a config file's bytes as UTF-8. Invalid UTF-8 is not replaced with U+FFFD (which would
 * change names silently): it is reported at the first bad byte, as a 1-based line and column
 * (column counted in characters of the valid text before it on that line).
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalid: { line: number; col: number; byte: number } } {
  // Node's native check clears a valid file (nearly every one) without the byte-by-byte scan,
  // which is needed only to find where an invalid one goes wrong.
  const at = isUtf8(bytes) ? undefined : firstInvalidUtf8(bytes);
  if (at === undefined) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, at - lineStart).toString('utf8');
  return { invalid: { line, col: before.length + 1, byte: bytes[at] ?? 0 } };
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or `undefined`. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes after the lead, and the smallest code point that needs that many
    // (smaller ones are overlong encodings).
    const [extra, min] = lead >= 0xc2 && lead <= 0xdf ? [1, 0x80] : lead >= 0xe0 && lead <= 0xef ? [2, 0x800] : lead >= 0xf0 && lead <= 0xf4 ? [3, 0x10000] : [0, 0];
    if (extra === 0) return i;
    let cp = lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += extra + 1;
  }
  return undefined;
}
