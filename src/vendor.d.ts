// Minimal types for the untyped dependencies.
declare module 'lzma-native' {
  import type { Transform } from 'node:stream';
  export function createCompressor(options?: { preset?: number; threads?: number; check?: number }): Transform;
  export function createStream(coder: 'autoDecoder' | 'aloneDecoder' | 'easyEncoder' | 'aloneEncoder', options?: Record<string, unknown>): Transform;
  export function createDecompressor(options?: Record<string, unknown>): Transform;
}
