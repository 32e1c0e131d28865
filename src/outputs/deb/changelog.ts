// /usr/share/doc/NAME/changelog.Debian.gz (changelog.gz for a native package, whose version has no
// revision), as Debian policy §12.7 asks of every binary package: the model's changelog, or one
// generated entry for this version so that the package is not without one (lintian: no-changelog).
import { gzipSync } from 'node:zlib';
import { debianChangelog, rpmChangelog } from '../../changelog/render.js';
import type { ChangelogEntry, FileEntry, PackageModel } from '../../core/model.js';
import { bufferSource } from '../../core/source.js';
import { debVersionString } from '../../core/version.js';
import type { Context } from '../../plugin.js';
import { debPackageName } from './naming.js';
import { entriesFromRpm, parseRpmChangelogText, rpmChangelogText } from '../../changelog/rpm.js';
import { parseDebian } from '../../changelog/parse.js';

/** `pkg` has the deb's version and maintainer already (prepareDeb). */
export function changelogFile(pkg: PackageModel, distribution: string, ctx: Context): FileEntry[] {
  const m = pkg.metadata;
  const name = debPackageName(m.name);
  const path = `/usr/share/doc/${name}/${m.version.release ? 'changelog.Debian.gz' : 'changelog.gz'}`;
  const docDir = `/usr/share/doc/${name}`;
  const shipsOne = pkg.files.some((f) => f.path === `${docDir}/changelog.Debian.gz` || f.path === `${docDir}/changelog.gz`);
  if (shipsOne || pkg.files.find((f) => f.path === docDir)?.type === 'symlink') return [];
  const time = ctx.sourceDateEpoch ?? Math.floor(Date.now() / 1000);
  const given = m.changelog?.length ? m.changelog : rpmEntries(m);
  const entries: ChangelogEntry[] = given.length ? forDebian(given, debVersionString(m.version), distribution) : [{
    version: debVersionString(m.version), date: time, author: m.maintainer ?? '', distribution, urgency: 'medium',
    changes: ['Package built by pkgshift.'],
  }];
  if (!given.length) ctx.diag.info('changelog-generated', `${path} is a generated entry for ${debVersionString(m.version)} (give --changelog FILE for a real one)`);
  // gzip -9n: no name or time in the gzip header, so the bytes depend only on the text.
  const source = bufferSource(gzipSync(debianChangelog(name, entries), { level: 9 }), path);
  const mtime = ctx.sourceDateEpoch ?? Math.max(0, ...pkg.files.map((f) => f.mtime));
  return [{ path, type: 'file', mode: 0o644, uid: 0, gid: 0, user: 'root', group: 'root', mtime, size: source.size, source }];
}

/**
 * Whether the changelog.Debian.gz written for an rpm input's %changelog gives it back unchanged when the
 * deb is converted to rpm again (outputs/rpm/changelog.ts reads it); else --keep-foreign-metadata keeps the text.
 */
export function rpmChangelogSurvives(m: PackageModel['metadata'], name: string, distribution: string): boolean {
  const text = m.extras.rpm?.Changelog;
  if (!text) return true;
  const written = debianChangelog(name, forDebian(rpmEntries(m), debVersionString(m.version), distribution));
  const { times, names, texts } = rpmChangelog(parseDebian(written, 'changelog.Debian'));
  return rpmChangelogText(names.map((n, i) => ({ time: times[i]!, name: n, text: texts[i]! }))) === text;
}

/** An rpm input's %changelog (kept verbatim in extras), as neutral entries. */
function rpmEntries(m: PackageModel['metadata']): ChangelogEntry[] {
  const text = m.extras.rpm?.Changelog;
  return text ? entriesFromRpm(parseRpmChangelogText(text)) : [];
}

/**
 * What a Debian changelog requires of every entry (deb-changelog(5)): a version, and a trailer
 * `Name <email>`. An rpm entry without a version takes the version of the next newer one that has
 * one (the package's for the newest); a bare address `a@b` becomes `a@b <a@b>` and a name without
 * one `Name <>`, both of which the rpm writer reads back as they were.
 */
function forDebian(entries: readonly ChangelogEntry[], packageVersion: string, distribution: string): ChangelogEntry[] {
  let newer = packageVersion;
  return entries.map((e) => {
    newer = e.version || newer;
    const author = /<[^<>]*>/.test(e.author) ? e.author : /^\S+@\S+$/.test(e.author) ? `${e.author} <${e.author}>` : `${e.author} <>`;
    return { ...e, version: newer.replace(/[^A-Za-z0-9.+~:-]/g, '.'), author, distribution: e.distribution ?? distribution };
  });
}
