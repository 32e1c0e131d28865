// repodata/repomd.xml as createrepo_c writes it: a revision, and for primary, filelists and other the
// checksum and size of the compressed file and of its XML, its location and its timestamp.
import type { StagedIndex } from '../index-file.js';
import { textElement } from './xml.js';

export interface RepomdRecord {
  type: 'primary' | 'filelists' | 'other';
  href: string;
  file: StagedIndex;
}

export function renderRepomd(revision: number, records: RepomdRecord[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n'
    + textElement('  ', 'revision', String(revision));
  for (const record of records) {
    out += `  <data type="${record.type}">\n`
      + textElement('    ', 'checksum', record.file.digest.sha256, [['type', 'sha256']])
      + textElement('    ', 'open-checksum', record.file.open.sha256, [['type', 'sha256']])
      + `    <location href="${record.href}"/>\n`
      + textElement('    ', 'timestamp', String(revision))
      + textElement('    ', 'size', String(record.file.digest.size))
      + textElement('    ', 'open-size', String(record.file.open.size))
      + '  </data>\n';
  }
  return `${out}</repomd>\n`;
}
