// Metadata rules (docs/LINT.md §3.1): name, version, maintainer, description, placeholders, arch, relations.
import { hostname } from 'node:os';
import { PLACEHOLDER_MAINTAINER } from '../../core/placeholders.js';
import { PACKAGE_NAME } from '../../formats/deb/vocabulary.js';
import type { Relation, RelationKind } from '../../core/model.js';
import { RELATION_KINDS } from '../../core/model.js';
import { compareRpm } from '../../core/version-compare.js';
import type { MetadataField } from '../../core/diagnostics.js';
import { ALL, DEB_RPM, fieldFinding, finding, type Finding, type LintFormat, type Rule } from '../types.js';

const DEB_UPSTREAM = /^[0-9][A-Za-z0-9.+~-]*$/;
const DEB_REVISION = /^[A-Za-z0-9.+~]+$/;
const RPM_VERSION = /^[A-Za-z0-9._+~^]+$/;

function nameProblem(name: string, format: LintFormat): string | undefined {
  if (!name) return 'the package name is empty';
  if (format === 'deb' && !PACKAGE_NAME.test(name)) return `'${name}' is not a Debian package name (lowercase letters, digits, + . -, at least 2 characters, starting alphanumeric)`;
  if (format === 'rpm') {
    if (/[\s/]/.test(name)) return `'${name}' contains whitespace or '/'`;
    if (!/^[A-Za-z0-9_]/.test(name)) return `'${name}' does not start with a letter or digit`;
    if (/[:,]/.test(name)) return `'${name}' contains ':' or ','`;
  }
  return undefined;
}

export function debVersionProblem(upstream: string, release: string | undefined): string | undefined {
  if (!upstream) return 'the version is empty';
  if (!DEB_UPSTREAM.test(upstream)) return `upstream version '${upstream}' must start with a digit and use only A-Z a-z 0-9 . + ~ -`;
  if (upstream.includes('-') && !release) return `upstream version '${upstream}' contains '-' but there is no revision`;
  if (release !== undefined && release !== '' && !DEB_REVISION.test(release)) return `revision '${release}' may use only A-Z a-z 0-9 . + ~`;
  return undefined;
}

export function rpmVersionProblem(upstream: string, release: string | undefined): string | undefined {
  if (!upstream) return 'the version is empty';
  if (!RPM_VERSION.test(upstream)) return `version '${upstream}' may use only A-Z a-z 0-9 . _ + ~ ^ (no '-')`;
  if (release !== undefined && release !== '' && !RPM_VERSION.test(release)) return `release '${release}' may use only A-Z a-z 0-9 . _ + ~ ^ (no '-')`;
  return undefined;
}

const nameInvalid: Rule = {
  id: 'meta-name-invalid', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'the package name is empty or not valid for the format',
  hint: 'set a valid name with -n: lowercase a-z 0-9 + . - for deb; no whitespace, / : , for rpm',
  lintian: ['bad-package-name', 'package-not-lowercase'], rpmlint: ['no-name-tag'],
  why: 'Debian Policy 5.6.1 fixes the characters of a package name; dpkg and rpm refuse names outside them, and a converter that copies an upstream name (Hello_Tool) produces a package that cannot be installed.',
  check(model, format) {
    const problem = nameProblem(model.metadata.name, format);
    return problem ? [finding(this, problem)] : [];
  },
};

const versionInvalid: Rule = {
  id: 'meta-version-invalid', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'the version is empty or has characters the format forbids',
  hint: 'give -v/--iteration values made of digits, letters and . + ~ (deb) or . _ + ~ ^ (rpm); use ~ for pre-releases',
  lintian: ['bad-version-number'], rpmlint: ['invalid-version'],
  why: 'Debian Policy 5.6.12 and rpm\'s version rules: a version with forbidden characters is refused or compares wrongly, so upgrades go the wrong way.',
  check(model, format) {
    const { upstream, release } = model.metadata.version;
    const problem = format === 'deb' ? debVersionProblem(upstream, release) : rpmVersionProblem(upstream, release);
    return problem ? [finding(this, problem)] : [];
  },
};

const versionPrerelease: Rule = {
  id: 'meta-version-prerelease', severity: 'info', formats: DEB_RPM, metadataOnly: true,
  summary: 'a pre-release version (1.0rc1) sorts after the final release',
  hint: "write pre-releases with a tilde (1.0~rc1), which sorts before 1.0 in both dpkg and rpm",
  rpmlint: ['invalid-version'],
  why: 'dpkg and rpm sort 1.0rc1 after 1.0; the tilde (1.0~rc1) sorts before (Debian Policy 5.6.12, Fedora versioning guidelines), so the final release can replace the pre-release.',
  check(model) {
    const { upstream } = model.metadata.version;
    const m = /\d[._-]?(alpha|beta|rc|pre)/i.exec(upstream);
    if (!m || upstream.slice(0, m.index + 1).includes('~')) return [];
    return [finding(this, `version '${upstream}' has '${m[1]}' without a '~' before it, so it sorts after the final release`)];
  },
};

const maintainerMissing: Rule = {
  id: 'meta-maintainer-missing', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'no Maintainer (deb, error) or Packager (rpm, info)',
  hint: "give -m 'Full Name <email@example.org>'",
  lintian: ['required-field'], rpmlint: ['no-packager-tag'],
  why: 'Debian Policy 5.3 makes Maintainer mandatory. Fedora\'s guidelines leave the rpm Packager tag to the build system, so an rpm without one is only info.',
  check(model, format) {
    if (model.metadata.maintainer?.trim()) return [];
    // Policy 5.3 requires Maintainer; Fedora's guidelines say the Packager tag is not to be set in a spec
    // (build systems fill it, or leave it out): an rpm without one is normal.
    return [finding(this, format === 'deb' ? 'the Maintainer field is missing' : 'the Packager tag is missing', undefined, format === 'deb' ? 'error' : 'info')];
  },
};

const maintainerMalformed: Rule = {
  id: 'meta-maintainer-malformed', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: "the maintainer is not 'Name <user@domain>', or uses a local host name",
  hint: "give -m 'Full Name <email@example.org>' with a real, reachable address",
  lintian: ['malformed-contact', 'no-phrase', 'bogus-mail-host', 'root-in-contact'],
  why: 'Debian Policy 5.6.2: the Maintainer field is a name and an email address someone reads. fpm fills in `<user@build-host>`, which reaches nobody. rpm\'s Packager tag is free text that distribution build systems fill with a URL or a team name (`Fedora Project`), so an rpm is only checked when it names an address.',
  check(model, format) {
    const who = model.metadata.maintainer?.trim();
    if (!who || who === PLACEHOLDER_MAINTAINER) return []; // meta-placeholder-value says so
    if (format === 'rpm' && !/<[^<>]*@[^<>]*>/.test(who)) return [];
    const m = /^(.*?)\s*<([^<>@\s]+)@([^<>@\s]+)>$/.exec(who);
    if (!m) return [finding(this, `'${who}' is not of the form 'Name <user@domain>'`)];
    const [, display, local, host] = m as unknown as [string, string, string, string];
    const problems: string[] = [];
    if (!display) problems.push('no display name');
    if (!host.includes('.') || /^localhost|\.?localdomain$|\.(?:local|invalid|test)$/.test(host) || host === hostname()) problems.push(`'${host}' is a local host name`);
    if (local === 'root') problems.push("the address is root's");
    return problems.length ? [finding(this, `maintainer '${who}': ${problems.join(', ')}`)] : [];
  },
};

const descriptionMissing: Rule = {
  id: 'meta-description-missing', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: 'the summary is empty (error), or the long description is empty or repeats the summary',
  hint: '--description: first line the summary, following lines a longer description of what the package does',
  lintian: ['description-synopsis-is-empty', 'extended-description-is-empty'], rpmlint: ['no-description-tag'],
  why: 'Debian Policy 3.4: the synopsis and the extended description tell users what the package is; converters fill in placeholders or nothing.',
  check(model) {
    const summary = model.metadata.summary.trim();
    const description = model.metadata.description.trim();
    if (!summary) return [fieldFinding(this, 'description', 'the summary (synopsis) is empty', 'error')];
    if (!description) return [fieldFinding(this, 'description', 'the long description is empty')];
    if (description === summary) return [fieldFinding(this, 'description', 'the long description only repeats the summary')];
    if (description.length < summary.length) return [finding(this, 'the long description is shorter than the summary')];
    return [];
  },
};

const summaryTooLong: Rule = {
  id: 'meta-summary-too-long', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: 'the summary is longer than 80 (deb) or 79 (rpm) characters',
  hint: 'keep the first line of --description short; move details to the following lines',
  lintian: ['synopsis-too-long'], rpmlint: ['summary-too-long'],
  why: 'Debian Policy 3.4.1 keeps the synopsis to one short line (80 characters); rpmlint\'s limit is 79. Front ends cut longer ones.',
  check(model, format) {
    const max = format === 'deb' ? 80 : 79;
    const length = [...model.metadata.summary].length;
    return length > max ? [finding(this, `the summary has ${length} characters (at most ${max})`)] : [];
  },
};

const descriptionFormat: Rule = {
  id: 'meta-description-format', severity: 'info', formats: DEB_RPM, metadataOnly: true,
  summary: 'description lines over 80 characters, tabs or control characters, or a summary that is a sentence or repeats the name',
  hint: 'wrap the description at 80 columns, use spaces not tabs, and write the summary as a phrase without the package name or a final period',
  lintian: ['extended-description-line-too-long', 'description-synopsis-might-not-be-phrased-properly'], rpmlint: ['description-line-too-long'],
  why: 'Debian Policy 3.4.1: the synopsis is a phrase, not a sentence, without the package name; lines fit 80 columns.',
  check(model) {
    const { summary, description, name } = model.metadata;
    const problems: string[] = [];
    if (description.split('\n').some((line) => [...line].length > 80)) problems.push('a description line is longer than 80 characters');
    if (/[\x00-\x08\x0b-\x1f\x7f]/.test(summary + description)) problems.push('tabs or control characters');
    if (/[^.]\.$/.test(summary.trim())) problems.push('the summary ends with a period');
    if (name && summary.toLowerCase().startsWith(name.toLowerCase() + ' ')) problems.push('the summary starts with the package name');
    return problems.length ? [finding(this, problems.join('; '))] : [];
  },
};

/** fpm's defaults (lib/fpm/package.rb, command.rb): what a converter run without flags leaves in. */
const placeholderValue: Rule = {
  id: 'meta-placeholder-value', severity: 'warning', formats: ALL, metadataOnly: true,
  summary: "a converter default was left in (description 'no description given', URL http://example.com/no-uri-given, license or vendor 'unknown'/'none'), or the URL is empty (info)",
  hint: 'give real values with --description, --url, --license, --vendor and --category',
  lintian: ['unknown-section', 'priority-extra-is-replaced-by-priority-optional'],
  why: 'fpm\'s defaults (no description given, http://example.com/no-uri-given, license unknown, vendor none) and alien\'s Section: alien / Priority: extra (retired by Debian Policy 2.5 in 4.0.1) are not information about the package.',
  check(model, format) {
    const m = model.metadata;
    const out: Finding[] = [];
    const placeholder = (what: string, value: string | undefined, bad: RegExp, field?: MetadataField) => {
      if (value === undefined || !bad.test(value.trim())) return;
      const message = `${what} is the placeholder '${value.trim()}'`;
      out.push(field ? fieldFinding(this, field, message) : finding(this, message));
    };
    placeholder('the description', m.summary, /^no description given$/i, 'description');
    placeholder('the long description', m.description, /^no description given$/i, 'description');
    if (m.maintainer === PLACEHOLDER_MAINTAINER) out.push(fieldFinding(this, 'maintainer', `the maintainer is pkgshift's placeholder '${PLACEHOLDER_MAINTAINER}'`));
    placeholder('the URL', m.homepage, /^https?:\/\/example\.com\/no-uri-given\/?$/i);
    placeholder('the license', m.license, /^(?:unknown|none|NOASSERTION)$/i, 'license');
    placeholder('the vendor', m.vendor, /^(?:none|unknown)$/i);
    placeholder('the section', m.section, /^(?:none|unknown|default)$/i);
    if (format === 'deb') {
      // alien writes `Section: alien` and the `Priority: extra` that Policy 2.5 retired (4.0.1) in favour of optional.
      placeholder('the section', m.section, /^alien$/);
      placeholder('the priority', m.extras.deb?.Priority, /^extra$/);
    }
    if (format !== 'tar' && !m.homepage?.trim()) out.push(finding(this, 'the package has no homepage URL', undefined, 'info'));
    return out;
  },
};

/**
 * Binary control fields dpkg and the Debian archive know (Policy 5.3 and lintian's field list); fields
 * starting with X- (or XB-, XC- …) are user-defined and pass through.
 */
const DEB_FIELDS = new Set([
  'package', 'package-type', 'source', 'version', 'architecture', 'essential', 'protected', 'important', 'maintainer',
  'original-maintainer', 'section', 'priority', 'description', 'description-md5', 'installed-size', 'homepage', 'bugs',
  'origin', 'multi-arch', 'build-ids', 'built-using', 'static-built-using', 'built-for-profiles', 'auto-built-package',
  'build-essential', 'tag', 'task', 'subarchitecture', 'kernel-version', 'installer-menu-item', 'python-version',
  'python3-version', 'python-egg-name', 'ruby-versions', 'lua-versions', 'ghc-package', 'go-import-path', 'efi-vendor',
  'gstreamer-version', 'gstreamer-elements', 'gstreamer-uri-sources', 'gstreamer-uri-sinks', 'gstreamer-encoders',
  'gstreamer-decoders', 'cnf-visible-pkgname', 'cnf-extra-commands', 'cnf-priority-bonus', 'cnf-ignore-commands',
  'modaliases', 'javascript-built-using', 'x-cargo-built-using', 'rust-built-using', 'conffiles',
]);

const fieldUnknown: Rule = {
  id: 'meta-field-unknown', severity: 'warning', formats: ['deb'], metadataOnly: true,
  summary: 'the deb control file has a field Debian does not define (fpm writes License: and Vendor:)',
  hint: 'drop the field, or rename it X-Field if a tool of yours needs it; the licence belongs in /usr/share/doc/<name>/copyright',
  lintian: ['unknown-field'],
  why: 'Debian Policy 5.3 lists the fields of a binary package; dpkg keeps any other field but nothing reads it, and user-defined fields are spelled X-…. fpm writes License: and Vendor: into every deb.',
  check(model) {
    return Object.keys(model.metadata.extras.deb ?? {})
      .filter((name) => !DEB_FIELDS.has(name.toLowerCase()) && !/^X[BCS]*-/i.test(name))
      .map((name) => finding(this, `unknown control field '${name}'`));
  },
};

const selfObsoletion: Rule = {
  id: 'meta-self-obsoletion', severity: 'warning', formats: ['rpm'], metadataOnly: true,
  summary: 'Obsoletes names the package itself at a version that includes its own',
  hint: 'obsolete only older versions (Obsoletes: name < version) or other packages',
  rpmlint: ['self-obsoletion'],
  why: 'rpm erases what a package obsoletes: a package that obsoletes its own version removes itself on upgrade (rpmlint self-obsoletion). fpm and alien have written such tags when copying Provides into Obsoletes.',
  check(model) {
    const { name, version } = model.metadata;
    const own = `${version.epoch ? `${version.epoch}:` : ''}${version.upstream}${version.release ? `-${version.release}` : ''}`;
    return (model.metadata.relations.obsoletes ?? []).flatMap(alternativesOf)
      .filter((r) => r.name === name && (!r.op || includes(r.op, compareRpm(own, r.version ?? ''))))
      .map((r) => finding(this, `Obsoletes: ${r.name}${r.op ? ` ${r.op} ${r.version}` : ''} includes its own version ${own}`));
  },
};

/** Whether `own OP version` holds, given compare(own, version). */
function includes(op: string, compared: number): boolean {
  switch (op) {
    case '<<': return compared < 0;
    case '<=': return compared <= 0;
    case '=': return compared === 0;
    case '>=': return compared >= 0;
    default: return compared > 0;
  }
}

const DEB_ARCHES = new Set([
  'all', 'amd64', 'i386', 'arm64', 'armhf', 'armel', 'ppc64el', 's390x', 'riscv64', 'mips64el', 'loong64',
  'alpha', 'hppa', 'ia64', 'm68k', 'mips', 'mipsel', 'powerpc', 'ppc64', 'sh4', 'sparc64', 'x32', 'hurd-i386', 'hurd-amd64',
]);
const RPM_ARCHES = new Set([
  'noarch', 'x86_64', 'i386', 'i486', 'i586', 'i686', 'athlon', 'aarch64', 'armv7hl', 'armv7l', 'armv6hl', 'armv5tel',
  'ppc64le', 'ppc64', 'ppc', 's390x', 's390', 'riscv64', 'mips64el', 'loongarch64', 'sparc64', 'ia64', 'alpha',
]);
const RPM_NAME_OF: Record<string, string> = {
  all: 'noarch', amd64: 'x86_64', arm64: 'aarch64', armhf: 'armv7hl', armel: 'armv5tel', ppc64el: 'ppc64le', loong64: 'loongarch64', i386: 'i686',
};

const archInvalid: Rule = {
  id: 'meta-arch-invalid', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'the architecture is unknown to the format, or a wildcard (any, linux-any) in a binary package',
  hint: "give -a with a real architecture: 'all' for architecture-independent content, or amd64/x86_64, arm64/aarch64 …",
  lintian: ['unknown-architecture', 'arch-wildcard-in-binary-package'],
  why: 'dpkg and rpm know a fixed set of architecture names; wildcards such as any or linux-any belong to source packages only (Debian Policy 5.6.8).',
  check(model, format) {
    const arch = model.metadata.arch;
    if (/^(?:any|[\w-]*-any|any-[\w-]+)$/.test(arch)) return [finding(this, `'${arch}' is a wildcard, which only source packages may use`)];
    const known = format === 'deb' ? DEB_ARCHES.has(arch) : RPM_ARCHES.has(RPM_NAME_OF[arch] ?? arch);
    return known ? [] : [finding(this, `'${arch}' is not an architecture ${format === 'deb' ? 'dpkg' : 'rpm'} knows`)];
  },
};

const SELF_KINDS: readonly RelationKind[] = ['depends', 'preDepends', 'recommends'];

function alternativesOf(relation: Relation): Relation[] {
  return [relation, ...(relation.alternatives ?? [])];
}

const selfDependency: Rule = {
  id: 'meta-self-dependency', severity: 'warning', formats: DEB_RPM, metadataOnly: true,
  summary: 'Depends, Pre-Depends, Recommends or Requires names the package itself',
  hint: 'remove the package from its own dependencies',
  lintian: ['package-relation-with-self'],
  why: 'A package cannot need itself: the relation is at best noise and at worst (versioned) unsatisfiable.',
  check(model) {
    const name = model.metadata.name;
    const out: Finding[] = [];
    for (const kind of SELF_KINDS) {
      for (const relation of model.metadata.relations[kind] ?? []) {
        if (alternativesOf(relation).some((r) => r.name === name)) out.push(finding(this, `${kind} names the package itself (${name})`));
      }
    }
    return out;
  },
};

const DEB_OPS = new Set(['<<', '<=', '=', '>=', '>>']);

/** Operators of rpm's rich (boolean) dependencies, rpm ≥ 4.13 (Fedora Packaging Guidelines, "Rich/Boolean dependencies"). */
const RICH_OPERATORS = new Set(['and', 'or', 'if', 'else', 'with', 'without', 'unless']);

/** A rich dependency `(a if b)` read verbatim from an rpm: balanced parentheses and a known operator. */
function richProblem(text: string): string | undefined {
  let depth = 0;
  for (const c of text) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) return `unbalanced parentheses in '${text}'`;
  const words = text.replace(/[()]/g, ' ').split(/\s+/);
  return words.some((w) => RICH_OPERATORS.has(w)) ? undefined : `'${text}' has no rich-dependency operator (${[...RICH_OPERATORS].join(', ')})`;
}

function relationProblem(r: Relation, format: LintFormat): string | undefined {
  if (!r.name) return 'an empty alternative';
  if (format === 'rpm' && r.name.startsWith('(') && r.name.endsWith(')')) return richProblem(r.name);
  if (format === 'deb' && !PACKAGE_NAME.test(r.name)) return `'${r.name}' is not a valid package name`;
  if (format === 'rpm' && /[\s,]/.test(r.name)) return `'${r.name}' contains whitespace or ','`;
  if (r.op !== undefined && !DEB_OPS.has(r.op)) return `unknown operator '${r.op}' in ${r.name}`;
  if (r.op !== undefined || r.version !== undefined) {
    if (!r.op || !r.version) return `${r.name}: an operator needs a version and a version needs an operator`;
    const m = /^(?:(\d+):)?(.+?)(?:-([^-]+))?$/.exec(r.version);
    const problem = !m ? 'unparsable'
      : format === 'deb' ? debVersionProblem(m[2]!, m[3]) : rpmVersionProblem(m[2]!, m[3]);
    if (problem) return `${r.name} (${r.op} ${r.version}): ${problem}`;
  }
  return undefined;
}

const dependencyInvalid: Rule = {
  id: 'meta-dependency-invalid', severity: 'error', formats: DEB_RPM, metadataOnly: true,
  summary: 'a relation has a bad package name, operator or version, or an empty alternative',
  hint: "write relations as 'name', 'name (>= 1.2)' or 'a | b'; check the names and versions",
  lintian: ['bad-relation', 'bad-version-in-relation', 'obsolete-relation-form'],
  why: 'Debian Policy 7.1 and rpm\'s dependency syntax: a relation dpkg or rpm cannot parse makes the package uninstallable. rpm rich dependencies ((a if b), rpm 4.13+) are valid in rpms.',
  check(model, format) {
    const out: Finding[] = [];
    for (const kind of RELATION_KINDS) {
      for (const relation of model.metadata.relations[kind] ?? []) {
        for (const r of alternativesOf(relation)) {
          const problem = relationProblem(r, format);
          if (problem) out.push(finding(this, `${kind}: ${problem}`));
        }
      }
    }
    return out;
  },
};

export const metaRules: Rule[] = [
  nameInvalid, versionInvalid, versionPrerelease, maintainerMissing, maintainerMalformed, descriptionMissing,
  summaryTooLong, descriptionFormat, placeholderValue, fieldUnknown, archInvalid, selfDependency, selfObsoletion, dependencyInvalid,
];
