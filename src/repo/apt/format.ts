// The apt repository format: debs in the pool, and per dist a Release (signed as InRelease and
// Release.gpg) naming dists/DIST/COMPONENT/binary-ARCH/Packages{,.gz,.xz} and their by-hash copies.
// Architecture-all packages are listed once, in binary-all, and `all` in Architectures (apt ≥ 1.2
// fetches it for every architecture).
import { link } from 'node:fs/promises';
import { compareDeb } from '../../core/version-compare.js';
import type { Compression } from '../../formats/compress.js';
import { type SigningKey, armoredSignature, clearSign, signDetached } from '../../openpgp/index.js';
import type { RepoEntry } from '../entry.js';
import { type Digest, writeIndexFile } from '../index-file.js';
import type { RepoFormat } from '../operations.js';
import { requireKeyIfSigned, stagePublicKey } from '../public-key.js';
import { inspectDeb } from './deb-package.js';
import { renderRelease } from './release.js';

export interface AptOptions {
  key?: SigningKey;
  origin?: string;
  label?: string;
  /** Days a Release stays valid (Valid-Until). */
  validDays?: number;
}

const COMPRESSIONS: [Compression, string][] = [['none', ''], ['gzip', '.gz'], ['xz', '.xz']];

export function aptScope(dist: string, component: string): string {
  return `${dist}/${component}`;
}

function splitScope(scope: string): [string, string] {
  const slash = scope.lastIndexOf('/');
  return [scope.slice(0, slash), scope.slice(slash + 1)];
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function aptFormat(options: AptOptions): RepoFormat {
  return {
    kind: 'apt',
    inspect: (source, scope) => inspectDeb(source, splitScope(scope)[1]),
    compareVersions: compareDeb,
    async publish(entries, scopes, staging, time) {
      const published: string[] = [];
      await stagePublicKey(staging, options.key);
      const dists = [...new Set(scopes.map((scope) => splitScope(scope)[0]))].sort(byteOrder);
      for (const dist of dists) {
        requireKeyIfSigned(staging, `dists/${dist}/InRelease`, options.key);
        const inDist = entries.filter((e) => splitScope(e.scope)[0] === dist);
        const components = [...new Set(scopes.filter((s) => splitScope(s)[0] === dist).map((s) => splitScope(s)[1]))].sort(byteOrder);
        const found = [...new Set(inDist.map((e) => e.arch))].sort(byteOrder);
        const architectures = found.length ? found : ['all']; // a dist emptied by --remove still has a valid Release
        const files = new Map<string, Digest>();
        for (const component of components) {
          for (const arch of architectures) {
            const listed = inDist.filter((e) => splitScope(e.scope)[1] === component && e.arch === arch)
              .sort((a, b) => byteOrder(a.name, b.name) || byteOrder(a.version, b.version));
            const dir = `${component}/binary-${arch}`;
            for (const [compression, suffix] of COMPRESSIONS) {
              const staged = await writeIndexFile(staging.tempPath(), listed.map(stanzaOf), compression);
              files.set(`${dir}/Packages${suffix}`, staged.digest);
              // The same bytes under their hash, kept for a generation after they stop being current.
              const byHash = `dists/${dist}/${dir}/by-hash/SHA256/${staged.digest.sha256}`;
              const twin = staging.tempPath();
              await link(staged.path, twin);
              staging.place(twin, byHash);
              published.push(byHash);
              staging.place(staged.path, `dists/${dist}/${dir}/Packages${suffix}`);
            }
          }
        }
        const release = renderRelease({
          dist, origin: options.origin, label: options.label, date: time,
          validUntil: options.validDays === undefined ? undefined : time + options.validDays * 86400,
          architectures, components,
        }, files);
        if (options.key) {
          await staging.writeLast(`dists/${dist}/Release.gpg`, armoredSignature(await signDetached(options.key, release)));
        }
        await staging.writeLast(`dists/${dist}/Release`, release);
        if (options.key) await staging.writeLast(`dists/${dist}/InRelease`, clearSign(options.key, release));
      }
      return published;
    },
  };
}

function stanzaOf(entry: RepoEntry): string {
  return `${entry.index.stanza}\n`;
}
