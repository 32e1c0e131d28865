// package.json → neutral metadata: a deb/rpm-valid name, the version with `~` pre-releases,
// description, license, homepage, maintainer, and a dependency on Node.js from engines.node.
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import { emptyMetadata, type Metadata } from '../../core/model.js';
import { nodeRequirement, semverToUpstream } from './semver.js';

type Person = string | { name?: string; email?: string; url?: string };

export interface PackageJson {
  name?: string;
  version?: string;
  description?: string;
  license?: string | { type?: string };
  licenses?: ({ type?: string } | string)[];
  homepage?: string;
  author?: Person;
  maintainers?: Person[];
  repository?: string | { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
  bin?: string | Record<string, string>;
  man?: string | string[];
}

type JsonType = 'string' | 'object' | 'array';

/** The JSON types each field read here may have; a value of another type is refused, naming the field. */
const FIELD_TYPES: Record<string, JsonType[]> = {
  name: ['string'], version: ['string'], description: ['string'], license: ['string', 'object'], licenses: ['array'],
  homepage: ['string'], author: ['string', 'object'], maintainers: ['array'], repository: ['string', 'object'],
  engines: ['object'], bin: ['string', 'object'], man: ['string', 'array'],
};
/** Fields nested one level down, and the types of their values. */
const NESTED_TYPES: Record<string, JsonType[]> = {
  'license.type': ['string'], 'licenses[]': ['string', 'object'], 'licenses[].type': ['string'], 'author.name': ['string'],
  'author.email': ['string'], 'maintainers[]': ['string', 'object'], 'maintainers[].name': ['string'], 'maintainers[].email': ['string'],
  'repository.url': ['string'], 'engines.node': ['string'], 'bin.*': ['string'], 'man[]': ['string'],
};

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Parses package.json text and checks the JSON type of every field pkgshift reads. */
export function parsePackageJson(text: string, where: string): PackageJson {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (err) {
    throw new PkgError('input-invalid', `${where}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (jsonType(pkg) !== 'object') throw new PkgError('input-invalid', `${where}: must hold a JSON object, not ${jsonType(pkg)}`);
  const check = (field: string, value: unknown, allowed: JsonType[] | undefined) => {
    if (value === undefined || !allowed || allowed.includes(jsonType(value) as JsonType)) return;
    throw new PkgError('input-invalid', `${where}: "${field}" must be ${allowed.map((t) => `a${t === 'object' || t === 'array' ? 'n' : ''} ${t}`).join(' or ')}, not ${jsonType(value)}`);
  };
  for (const [field, value] of Object.entries(pkg as Record<string, unknown>)) {
    check(field, value, FIELD_TYPES[field]);
    const items = Array.isArray(value) ? value : [];
    for (const item of items) {
      check(`${field}[]`, item, NESTED_TYPES[`${field}[]`]);
      if (jsonType(item) === 'object') for (const [key, inner] of Object.entries(item as object)) check(`${field}[].${key}`, inner, NESTED_TYPES[`${field}[].${key}`]);
    }
    if (jsonType(value) === 'object') {
      for (const [key, inner] of Object.entries(value as object)) check(`${field}.${key}`, inner, NESTED_TYPES[`${field}.${key}`] ?? NESTED_TYPES[`${field}.*`]);
    }
  }
  return pkg as PackageJson;
}

/**
 * `@scope/name` → `PREFIX-scope-name`, `name` → `PREFIX-name` (Debian's `node-` convention;
 * an empty prefix gives `scope-name` / `name`), lowercased, other characters made `-`.
 */
export function packageName(npmName: string, prefix: string): string {
  const bare = npmName.replace(/^@/, '').replace(/\//g, '-');
  const full = prefix ? `${prefix}-${bare}` : bare;
  return full.toLowerCase().replace(/[^a-z0-9+.-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/-+$/, '');
}

export function npmMetadata(pkg: PackageJson, namePrefix: string, diag: Diagnostics): Metadata {
  const metadata = emptyMetadata();
  const npmName = pkg.name ?? '';
  metadata.name = packageName(npmName, namePrefix);
  metadata.version.upstream = semverToUpstream(pkg.version ?? '', diag);
  const [summary = '', ...rest] = (pkg.description ?? '').replace(/\r\n/g, '\n').split('\n');
  metadata.summary = summary.trim() || `Node.js package ${npmName}`;
  metadata.description = rest.join('\n').trim()
    || `The npm package ${npmName} ${pkg.version ?? ''}, with its production dependencies, as npm installs it.`;
  const license = licenseOf(pkg);
  if (license) metadata.license = license;
  const homepage = pkg.homepage ?? repositoryUrl(pkg.repository);
  if (homepage) metadata.homepage = homepage;
  const maintainer = personOf(pkg.author) ?? pkg.maintainers?.map(personOf).find(Boolean);
  if (maintainer) metadata.maintainer = maintainer;
  metadata.relations.depends = [nodeRequirement(pkg.engines?.node, diag)];
  metadata.extras.npm = { name: npmName, version: pkg.version ?? '' };
  const repository = repositoryUrl(pkg.repository);
  if (repository) metadata.extras.npm.repository = repository;
  return metadata;
}

function licenseOf(pkg: PackageJson): string | undefined {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  const legacy = pkg.licenses?.map((l) => (typeof l === 'string' ? l : l.type)).filter(Boolean);
  return legacy?.length ? legacy.join(' OR ') : undefined;
}

/** `Name <email> (url)` or `{name, email}` → `Name <email>`. */
function personOf(person: Person | undefined): string | undefined {
  if (!person) return undefined;
  if (typeof person === 'string') return person.replace(/\s*\([^)]*\)\s*$/, '').trim() || undefined;
  if (!person.name) return undefined;
  return person.email ? `${person.name} <${person.email}>` : person.name;
}

/** A browsable URL for `repository`: `github:u/r`, `u/r`, `git+https://…/r.git` → `https://…/r`. */
export function repositoryUrl(repository: PackageJson['repository']): string | undefined {
  const raw = typeof repository === 'string' ? repository : repository?.url;
  if (!raw) return undefined;
  const shortcut = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shortcut) {
    const hosts: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };
    const host = hosts[shortcut[1] ?? 'github'];
    return `https://${host}/${shortcut[2]}`;
  }
  return raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^ssh:\/\/git@/, 'https://').replace(/\.git$/, '');
}
