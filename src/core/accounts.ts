// Looks up user and group ids by name in the build host's /etc/passwd and /etc/group, for
// --owner/--group. The name is what packages carry; the id is only a fallback for tar readers.
import { readFileSync } from 'node:fs';

function lookup(file: string, name: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined && /^\d+$/.test(fields[2])) return Number(fields[2]);
  }
  return undefined;
}

export function userId(name: string): number | undefined {
  return name === 'root' ? 0 : lookup('/etc/passwd', name);
}

export function groupId(name: string): number | undefined {
  return name === 'root' ? 0 : lookup('/etc/group', name);
}
