// bzip2's CRC-32: the polynomial of zlib's CRC-32, but shifted left (most significant bit first),
// over the block's final output bytes. The stream's CRC combines the blocks' CRCs.
const TABLE = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 24;
  for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
  TABLE[i] = c;
}

export const CRC_START = 0xffffffff | 0;

/** Adds `byte` to a running CRC (as a signed 32-bit number; `crcValue` gives the final value). */
export function crcByte(crc: number, byte: number): number {
  return (crc << 8) ^ TABLE[((crc >>> 24) ^ byte) & 0xff]!;
}

export function crcValue(crc: number): number {
  return ~crc >>> 0;
}

/** The stream CRC after a block whose CRC is `block`. */
export function combineCrc(stream: number, block: number): number {
  return (((stream << 1) | (stream >>> 31)) ^ block) >>> 0;
}
