// `pkgshift info FILE [--json]`: reads any input into the model and prints it — metadata,
// relations, scripts and files — like `dpkg-deb -I -c` or `rpm -qip -lv` in one.
import { Command } from 'commander';
import { debVersionString } from '../core/version.js';
import { formatDebRelation } from '../core/relations.js';
import { RELATION_KINDS, type FileEntry, type PackageModel, type Script } from '../core/model.js';
import { chooseInput, readPackage, withRunContext } from '../pipeline.js';
import { Reporter } from '../cli/reporter.js';

export function infoCommand(): Command {
  return new Command('info')
    .description('print what a package holds: metadata, relations, scripts and files')
    .usage('[options] FILE')
    .argument('<file>', 'a package file (.deb, .rpm, …) or anything -s names')
    .option('-s, --input-type <type>', 'input type (default: sniffed from the file)')
    .option('--json', 'print the model as JSON')
    .option('--quiet', 'print no warnings')
    .option('--verbose', 'say more, including error details')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`pkgshift: ${text}`) })
    .action(async (file: string, options: { inputType?: string; json?: boolean; quiet?: boolean; verbose?: boolean }) => {
      const { diag } = new Reporter({ quiet: options.quiet === true, verbose: options.verbose === true, progress: false });
      const model = await withRunContext(diag, options.verbose === true, async (ctx) => {
        const input = await chooseInput(options.inputType, [file]);
        const read = input.packageRoot?.(file, {}) ?? { inputs: [file], options: {} };
        return readPackage(input, read.inputs, read.options, ctx);
      });
      process.stdout.write(options.json ? `${JSON.stringify(modelJson(model), null, 2)}\n` : formatModel(model));
    });
}

export interface FileJson {
  path: string;
  type: FileEntry['type'];
  mode: string;
  user: string;
  group: string;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  target?: string;
  /** Character and block devices. */
  device?: { major: number; minor: number };
  flags?: string[];
}

/** The model as plain JSON: file contents left out, modes as octal strings, flags as sorted arrays. */
export function modelJson(model: PackageModel) {
  return {
    metadata: model.metadata,
    scripts: model.scripts.map((s) => ({ phase: s.phase, interpreter: s.interpreter, convention: s.convention, size: Buffer.byteLength(s.body), body: s.body })),
    files: listedFiles(model).map((f): FileJson => {
      const out: FileJson = {
        path: f.path, type: f.type, mode: f.mode.toString(8).padStart(4, '0'), user: f.user, group: f.group,
        uid: f.uid, gid: f.gid, size: f.size, mtime: f.mtime,
      };
      if (f.target !== undefined) out.target = f.target;
      if (f.device) out.device = f.device;
      if (f.flags?.size) out.flags = [...f.flags].sort();
      return out;
    }),
  };
}

/** Entries the package names itself (not directories normalize added for a child's sake). */
function listedFiles(model: PackageModel): FileEntry[] {
  return model.files.filter((f) => !f.implicit);
}

export function formatModel(model: PackageModel): string {
  const m = model.metadata;
  const lines: string[] = [];
  const row = (label: string, value: string | undefined) => {
    if (value) lines.push(`${`${label}:`.padEnd(14)}${value}`);
  };
  row('Package', m.name);
  row('Version', debVersionString(m.version));
  row('Architecture', m.arch);
  row('Maintainer', m.maintainer);
  row('Vendor', m.vendor);
  row('Homepage', m.homepage);
  row('License', m.license);
  row('Section', m.section);
  row('Summary', m.summary);
  if (m.description) lines.push('Description:', ...m.description.split('\n').map((l) => `  ${l}`));
  const kinds = RELATION_KINDS.filter((k) => m.relations[k]?.length);
  if (kinds.length) {
    lines.push('Relations:');
    for (const kind of kinds) lines.push(`  ${kind}: ${m.relations[kind]!.map(formatDebRelation).join(', ')}`);
  }
  for (const [format, fields] of Object.entries(m.extras)) {
    const keys = Object.keys(fields);
    if (!keys.length) continue;
    lines.push(`Extras (${format}):`);
    for (const key of keys) {
      const [first, ...more] = fields[key]!.split('\n');
      lines.push(`  ${key}: ${first}${more.length ? ` (+${more.length} lines)` : ''}`);
    }
  }
  if (model.scripts.length) {
    lines.push('Scripts:');
    for (const s of model.scripts) lines.push(`  ${scriptLine(s)}`);
  }
  const files = listedFiles(model);
  lines.push(`Files (${files.length}):`);
  for (const f of files) lines.push(`  ${fileLine(f)}`);
  return `${lines.join('\n')}\n`;
}

function scriptLine(s: Script): string {
  return `${s.phase.padEnd(16)}${s.interpreter.padEnd(18)}${String(Buffer.byteLength(s.body)).padStart(7)} bytes  (${s.convention} convention)`;
}

const TYPE_CHAR: Record<FileEntry['type'], string> = {
  file: '-', dir: 'd', symlink: 'l', hardlink: 'h', 'char-device': 'c', 'block-device': 'b', fifo: 'p',
};

/** `ls -l` style permissions, with s/S/t/T for setuid, setgid and sticky. */
export function modeString(type: FileEntry['type'], mode: number): string {
  const bit = (mask: number, c: string) => (mode & mask ? c : '-');
  const special = (x: string, set: boolean, on: string) => (set ? (x === '-' ? on.toUpperCase() : on) : x);
  const ux = special(bit(0o100, 'x'), (mode & 0o4000) !== 0, 's');
  const gx = special(bit(0o010, 'x'), (mode & 0o2000) !== 0, 's');
  const ox = special(bit(0o001, 'x'), (mode & 0o1000) !== 0, 't');
  return TYPE_CHAR[type] + bit(0o400, 'r') + bit(0o200, 'w') + ux + bit(0o040, 'r') + bit(0o020, 'w') + gx
    + bit(0o004, 'r') + bit(0o002, 'w') + ox;
}

function fileLine(f: FileEntry): string {
  const when = new Date(f.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const link = f.type === 'symlink' ? ` -> ${f.target}` : f.type === 'hardlink' ? ` link to ${f.target}` : '';
  const size = f.device ? `${f.device.major}, ${f.device.minor}` : String(f.size);
  const flags = f.flags?.size ? ` [${[...f.flags].sort().join(',')}]` : '';
  return `${modeString(f.type, f.mode)} ${`${f.user}/${f.group}`.padEnd(17)} ${size.padStart(9)} ${when} ${f.path}${link}${flags}`;
}
