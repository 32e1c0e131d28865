/** A corrupt or truncated bzip2 stream; the message says what is wrong, the caller names the stream. */
export class Bzip2Error extends Error {
  override name = 'Bzip2Error';
}

export const TRUNCATED = 'the stream is truncated';
