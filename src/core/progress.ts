// Progress of the long steps (reading an archive, linting contents, writing and compressing), counted
// in bytes. Steps report here; nothing is shown unless the CLI listens (its progress line).
import type { ContentSource, PackageModel } from './model.js';

export interface ProgressListener {
  /** A new step begins; `total` bytes when known. */
  step(label: string, total?: number): void;
  advance(bytes: number): void;
  /** The run is over: remove what was shown. */
  end(): void;
}

let listener: ProgressListener | undefined;

export function listenToProgress(next: ProgressListener | undefined): void {
  listener = next;
}

export const progress = {
  step(label: string, total?: number): void {
    listener?.step(label, total);
  },
  advance(bytes: number): void {
    listener?.advance(bytes);
  },
  end(): void {
    listener?.end();
  },
};

/** Content that advances the progress as it is read. */
function countedSource(source: ContentSource): ContentSource {
  const { readWhole } = source;
  return {
    size: source.size,
    describe: source.describe,
    async *open() {
      for await (const chunk of source.open()) {
        listener?.advance(chunk.length);
        yield chunk;
      }
    },
    ...(readWhole && {
      readWhole() {
        const bytes = readWhole.call(source);
        listener?.advance(bytes.length);
        return bytes;
      },
    }),
  };
}

/** The model with every file's content counted as it is read, whichever step reads it. */
export function countedContent(model: PackageModel): PackageModel {
  if (!listener) return model;
  return { ...model, files: model.files.map((f) => (f.source ? { ...f, source: countedSource(f.source) } : f)) };
}

/** The bytes of content a step reading every file reads. */
export function contentSize(model: PackageModel): number {
  return model.files.reduce((sum, f) => sum + (f.source ? f.source.size : 0), 0);
}
