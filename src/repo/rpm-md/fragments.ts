// One package's entries in primary.xml, filelists.xml and other.xml, element for element as
// createrepo_c 0.17 writes them (xml_dump_primary.c, xml_dump_filelists.c, xml_dump_other.c).
import { type Dependency, type DependencyKind, type RpmFacts, isPrimaryFile } from './rpm-facts.js';
import { type Attributes, attributes, emptyElement, textElement } from './xml.js';

export interface Placement {
  /** sha256 of the package file: its pkgid. */
  pkgid: string;
  href: string;
  size: number;
  /** The package file's mtime in the repository. */
  mtime: number;
}

/** primary.xml's order of the dependency lists. */
const PRIMARY_DEPENDENCIES: DependencyKind[] = ['provides', 'requires', 'conflicts', 'obsoletes', 'suggests', 'enhances', 'recommends', 'supplements'];

function versionElement(indent: string, facts: RpmFacts): string {
  return emptyElement(indent, 'version', [['epoch', facts.epoch], ['ver', facts.version], ['rel', facts.release]]);
}

function fileElements(indent: string, files: RpmFacts['files']): string {
  return files.map((f) => textElement(indent, 'file', f.path, [['type', f.type || undefined]])).join('');
}

function dependencyList(kind: DependencyKind, list: Dependency[]): string {
  if (list.length === 0) return '';
  const entries = list.map((d) => {
    const attrs: Attributes = [['name', d.name], ['flags', d.flags], ['epoch', d.epoch], ['ver', d.ver], ['rel', d.rel]];
    if (d.pre) attrs.push(['pre', '1']);
    return emptyElement('      ', 'rpm:entry', attrs);
  }).join('');
  return `    <rpm:${kind}>\n${entries}    </rpm:${kind}>\n`;
}

export function primaryXml(facts: RpmFacts, place: Placement): string {
  return '<package type="rpm">\n'
    + textElement('  ', 'name', facts.name)
    + textElement('  ', 'arch', facts.arch)
    + versionElement('  ', facts)
    + textElement('  ', 'checksum', place.pkgid, [['type', 'sha256'], ['pkgid', 'YES']])
    + textElement('  ', 'summary', facts.summary)
    + textElement('  ', 'description', facts.description)
    + textElement('  ', 'packager', facts.packager)
    + textElement('  ', 'url', facts.url)
    + emptyElement('  ', 'time', [['file', place.mtime], ['build', facts.buildTime]])
    + emptyElement('  ', 'size', [['package', place.size], ['installed', facts.installedSize], ['archive', facts.archiveSize]])
    + emptyElement('  ', 'location', [['href', place.href]])
    + '  <format>\n'
    + textElement('    ', 'rpm:license', facts.license)
    + textElement('    ', 'rpm:vendor', facts.vendor)
    + textElement('    ', 'rpm:group', facts.group)
    + textElement('    ', 'rpm:buildhost', facts.buildHost)
    + textElement('    ', 'rpm:sourcerpm', facts.sourceRpm)
    + emptyElement('    ', 'rpm:header-range', [['start', facts.headerStart], ['end', facts.headerEnd]])
    + PRIMARY_DEPENDENCIES.map((kind) => dependencyList(kind, facts.dependencies[kind])).join('')
    + fileElements('    ', facts.files.filter((f) => isPrimaryFile(f.path)))
    + '  </format>\n'
    + '</package>\n';
}

function packageOpening(facts: RpmFacts, place: Placement): string {
  return `<package${attributes([['pkgid', place.pkgid], ['name', facts.name], ['arch', facts.arch]])}>\n`;
}

export function filelistsXml(facts: RpmFacts, place: Placement): string {
  return packageOpening(facts, place) + versionElement('  ', facts) + fileElements('  ', facts.files) + '</package>\n';
}

export function otherXml(facts: RpmFacts, place: Placement): string {
  return packageOpening(facts, place) + versionElement('  ', facts)
    + facts.changelog.map((c) => textElement('  ', 'changelog', c.text, [['author', c.author], ['date', c.date]])).join('')
    + '</package>\n';
}
