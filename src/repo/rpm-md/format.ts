// The rpm-md (dnf/yum) repository format: rpms under Packages/, and repodata/ with primary, filelists
// and other XML, compressed and named by their checksum, and repomd.xml (signed as repomd.xml.asc)
// naming them. Packages are listed in the order createrepo_c lists them: by file name, then path.
import type { Compression } from '../../formats/compress.js';
import { compareRpm } from '../../core/version-compare.js';
import { type SigningKey, armoredSignature, signDetached } from '../../openpgp/index.js';
import type { RepoEntry } from '../entry.js';
import { writeIndexFile } from '../index-file.js';
import type { RepoFormat } from '../operations.js';
import { requireKeyIfSigned, stagePublicKey } from '../public-key.js';
import { type RepomdRecord, renderRepomd } from './repomd.js';
import { inspectRpm } from './rpm-package.js';

export interface RpmMdOptions {
  key?: SigningKey;
  compression: Extract<Compression, 'gzip' | 'zstd'>;
}

const NAMESPACES = {
  primary: ['metadata', 'xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm"'],
  filelists: ['filelists', 'xmlns="http://linux.duke.edu/metadata/filelists"'],
  other: ['otherdata', 'xmlns="http://linux.duke.edu/metadata/other"'],
} as const;

const SUFFIX = { gzip: '.gz', zstd: '.zst' } as const;

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export function rpmMdFormat(options: RpmMdOptions): RepoFormat {
  return {
    kind: 'rpm-md',
    inspect: (source) => inspectRpm(source),
    compareVersions: compareRpm,
    async publish(entries, _scopes, staging, time) {
      const sorted = [...entries].sort((a, b) => byteOrder(fileName(a.path), fileName(b.path)) || byteOrder(a.path, b.path));
      const records: RepomdRecord[] = [];
      requireKeyIfSigned(staging, 'repodata/repomd.xml.asc', options.key);
      await stagePublicKey(staging, options.key);
      for (const type of ['primary', 'filelists', 'other'] as const) {
        const [root, xmlns] = NAMESPACES[type];
        const parts = function* () {
          yield `<?xml version="1.0" encoding="UTF-8"?>\n<${root} ${xmlns} packages="${sorted.length}">\n`;
          for (const entry of sorted as RepoEntry[]) yield entry.index[type]!;
          yield `</${root}>`;
        };
        const file = await writeIndexFile(staging.tempPath(), parts(), options.compression);
        const href = `repodata/${file.digest.sha256}-${type}.xml${SUFFIX[options.compression]}`;
        await staging.setTime(file.path, time);
        staging.place(file.path, href);
        records.push({ type, href, file });
      }
      const repomd = renderRepomd(time, records);
      if (options.key) await staging.writeLast('repodata/repomd.xml.asc', armoredSignature(await signDetached(options.key, repomd)), time);
      await staging.writeLast('repodata/repomd.xml', repomd, time);
      return records.map((r) => r.href);
    },
  };
}
