// An .rpm as an rpm-md repository sees it: its header facts (the payload is never read) and its place,
// Packages/LETTER/FILE as Fedora lays repositories out.
import { basename } from 'node:path';
import { PkgError, describeError } from '../../core/errors.js';
import { readRpmFile } from '../../inputs/rpm/package-file.js';
import { Tag } from '../../formats/rpm/tags.js';
import type { InspectedPackage } from '../operations.js';
import { filelistsXml, otherXml, primaryXml } from './fragments.js';
import { type RpmFacts, rpmFacts } from './rpm-facts.js';

export function rpmFileName(facts: Pick<RpmFacts, 'name' | 'version' | 'release' | 'arch'>): string {
  return `${facts.name}-${facts.version}-${facts.release}.${facts.arch}.rpm`;
}

/** `[epoch:]version-release`, as --remove and --list spell it. */
export function rpmEvr(facts: Pick<RpmFacts, 'epoch' | 'version' | 'release'>): string {
  return `${facts.epoch === '0' ? '' : `${facts.epoch}:`}${facts.version}-${facts.release}`;
}

export async function inspectRpm(source: string): Promise<InspectedPackage> {
  let facts: RpmFacts;
  try {
    const rpm = await readRpmFile(source, basename(source));
    if (rpm.lead.type === 1 || !rpm.header.has(Tag.SOURCERPM)) throw new Error('it is a source rpm');
    facts = rpmFacts(rpm);
  } catch (err) {
    throw new PkgError('input-invalid', `${source} is not a readable binary .rpm package (${describeError(err)})`);
  }
  if (!facts.name || !facts.version || !facts.arch) throw new PkgError('input-invalid', `${source}: the rpm header has no name, version or arch`);
  const file = rpmFileName(facts);
  const path = `Packages/${file.charAt(0).toLowerCase()}/${file}`;
  return {
    name: facts.name, version: rpmEvr(facts), arch: facts.arch, path,
    render(copy, mtime) {
      const place = { pkgid: copy.sha256, href: path, size: copy.size, mtime };
      return { primary: primaryXml(facts, place), filelists: filelistsXml(facts, place), other: otherXml(facts, place) };
    },
  };
}
