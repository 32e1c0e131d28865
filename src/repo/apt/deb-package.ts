// A .deb as an apt repository sees it: its control stanza (read without touching data.tar) and its
// place in the pool, pool/COMPONENT/PREFIX/SOURCE/NAME_VERSION_ARCH.deb, PREFIX being the source's
// first letter, or its first four for lib* (Debian policy's archive layout).
import { basename } from 'node:path';
import { PkgError, describeError } from '../../core/errors.js';
import { readControlFiles } from '../../inputs/deb/index.js';
import type { InspectedPackage } from '../operations.js';
import { type Stanza, parseStanza, renderStanza } from './stanza.js';

const NAME = /^[a-z0-9][a-z0-9+.-]+$/;
const VERSION = /^(?:\d+:)?[0-9][A-Za-z0-9.+~:-]*$/;
const ARCH = /^[a-z0-9][a-z0-9-]*$/;

export function poolPath(component: string, source: string, file: string): string {
  const prefix = source.startsWith('lib') && source.length > 3 ? source.slice(0, 4) : source.charAt(0);
  return `pool/${component}/${prefix}/${source}/${file}`;
}

/** `NAME_VERSION_ARCH.deb`, the epoch left out as dpkg-name does. */
export function debFileName(name: string, version: string, arch: string): string {
  return `${name}_${version.replace(/^\d+:/, '')}_${arch}.deb`;
}

export async function inspectDeb(source: string, component: string): Promise<InspectedPackage> {
  const label = basename(source);
  let stanza: Stanza;
  try {
    const control = (await readControlFiles(source)).get('control')!;
    stanza = parseStanza(control.data.toString('utf8'), `the control file of ${label}`);
  } catch (err) {
    throw new PkgError('input-invalid', `${source} is not a readable .deb package (${describeError(err)})`);
  }
  const field = (name: string, pattern: RegExp) => {
    const value = stanza.get(name);
    if (value === undefined || !pattern.test(value)) {
      throw new PkgError('input-invalid', `${source}: its control file has ${value === undefined ? `no ${name}` : `a bad ${name} '${value}'`}`);
    }
    return value;
  };
  const name = field('Package', NAME);
  const version = field('Version', VERSION);
  const arch = field('Architecture', ARCH);
  const sourceName = (stanza.get('Source') ?? name).split(' ')[0]!;
  const path = poolPath(component, sourceName, debFileName(name, version, arch));
  return {
    name, version, arch, path,
    render(copy) {
      const fields = new Map(stanza);
      fields.set('Filename', path);
      fields.set('Size', String(copy.size));
      fields.set('MD5sum', copy.md5);
      fields.set('SHA1', copy.sha1);
      fields.set('SHA256', copy.sha256);
      return { stanza: renderStanza(fields) };
    },
  };
}
