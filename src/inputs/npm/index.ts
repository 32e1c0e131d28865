// npm input: a project directory with package.json, an `npm pack` tarball, or a registry spec
// (`name`, `name@version`, `@scope/name@version`). npm's own installer lays the package out with
// its production dependencies (npm-cli.ts); this input turns that tree into entries under
// --prefix (default /usr) and package.json into metadata.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PkgError, describeError } from '../../core/errors.js';
import type { PackageModel } from '../../core/model.js';
import { canonicalPath } from '../../core/paths.js';
import type { Context, InputPlugin, Options } from '../../plugin.js';
import { addonArch, stagedEntries } from './layout.js';
import { npmMetadata, type PackageJson } from './metadata.js';
import { npmInstall } from './npm-cli.js';

export const npmInput: InputPlugin = {
  name: 'npm',
  lintFormat: 'tar',
  description: 'an npm package: a directory with package.json, an `npm pack` tarball, or a registry name[@version]',
  options: [
    { flags: '--npm-name-prefix <prefix>', description: "npm input: package name prefix ('node' gives node-NAME and node-SCOPE-NAME; '' for none)" },
    { flags: '--npm-run-scripts', description: "npm input: run the install scripts of the package and its dependencies (off by default)" },
    { flags: '--npm-bin <path>', description: 'npm input: the npm executable to use (default: npm on PATH)', value: 'file' },
  ],

  async read(inputs: string[], options: Options, ctx: Context): Promise<PackageModel> {
    if (inputs.length !== 1) throw new PkgError('usage', `the npm input reads one package, not ${inputs.length} inputs`);
    const spec = installSpec(inputs[0]!, options.chdir);
    const stage = ctx.tempPath('npm-stage');
    mkdirSync(stage);
    await npmInstall(spec, stage, {
      npm: typeof options.npmBin === 'string' ? options.npmBin : 'npm',
      runScripts: options.npmRunScripts === true,
    });
    const npmName = installedName(stage, spec);
    const pkg = readPackageJson(join(stage, 'lib', 'node_modules', npmName, 'package.json'));
    const namePrefix = typeof options.npmNamePrefix === 'string' ? options.npmNamePrefix : 'node';
    const metadata = npmMetadata(pkg, namePrefix, ctx.diag);
    const prefix = canonicalPath(options.prefix ?? '/usr', `--prefix ${options.prefix}`);
    const files = await stagedEntries({ stage, npmName, prefix }, options, ctx);
    metadata.arch = addonArch(files, stage, prefix, ctx.diag);
    return { metadata, files, scripts: [] };
  },
};

/** What to hand `npm install`: an absolute path for a directory or tarball, else the registry spec. */
function installSpec(input: string, chdir: string | undefined): string {
  const path = resolve(chdir ?? '.', input);
  if (existsSync(path)) {
    if (statSync(path).isDirectory() && !existsSync(join(path, 'package.json'))) {
      throw new PkgError('input-invalid', `${input} is a directory without package.json`);
    }
    return path;
  }
  if (/^[./~]|\.(tgz|tar\.gz|tar)$/.test(input)) throw new PkgError('input-missing', `${input}: no such file or directory`);
  return input;
}

/** The one package npm installed into the fresh staging prefix (`name` or `@scope/name`). */
function installedName(stage: string, spec: string): string {
  const root = join(stage, 'lib', 'node_modules');
  const names = existsSync(root)
    ? readdirSync(root).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(root, n)).map((s) => `${n}/${s}`) : [n]))
    : [];
  if (names.length !== 1) throw new PkgError('input-invalid', `npm install ${spec} left ${names.length} packages in the staging prefix, expected one`);
  return names[0]!;
}

function readPackageJson(path: string): PackageJson {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
  } catch (err) {
    throw new PkgError('input-invalid', `reading ${path}: ${describeError(err)}`, { cause: err });
  }
}
