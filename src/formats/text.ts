// Text in old package headers: rpm never checked and wrote whatever bytes the spec file held, which for
// European packagers was often ISO-8859-1 (`Packager: Jürgen` as the single byte 0xFC). Bytes that are
// not valid UTF-8 are read as ISO-8859-1, which maps every byte to the code point of the same value,
// so nothing becomes U+FFFD and the text is written out again as UTF-8.
import { isUtf8 } from 'node:buffer';

export function decodeLegacyText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(isUtf8(bytes) ? 'utf8' : 'latin1');
}
