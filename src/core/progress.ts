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
  return {
    size: source.size,
    describe: source.describe,
    async *open() {
      for await (const chunk of source.open()) {
        listener?.advance(chunk.length);
        yield chunk;
      }
    },
  };
}

/**
 * Starts a step over the model's file contents: the model returned counts what is read of them
 * against their total size. Without a listener it is the model itself.
 */
export function contentStep(label: string, model: PackageModel): PackageModel {
  if (!listener) return model;
  const total = model.files.reduce((sum, f) => sum + (f.source ? f.source.size : 0), 0);
  listener.step(label, total);
  return { ...model, files: model.files.map((f) => (f.source ? { ...f, source: countedSource(f.source) } : f)) };
}
