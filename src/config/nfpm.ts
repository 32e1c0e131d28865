// Reads an nfpm configuration file as nfpm reads it: YAML, every key checked against nfpm's schema
// (an unknown key is an error naming it and its line), `$VAR`/`${VAR}` expanded from the environment
// in every value (unset: empty, as nfpm's os.ExpandEnv), and `mode: 0644` read as octal, as nfpm's
// YAML reader does.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import type { Diagnostics } from '../core/diagnostics.js';
import { PkgError } from '../core/errors.js';
import { readTextFile } from '../core/text-file.js';
import { NFPM_SCHEMA, NOT_APPLIED, OTHER_PACKAGERS, type Schema } from './nfpm-schema.js';

export interface NfpmFileInfo {
  mode?: number;
  mtime?: string;
  owner?: string;
  group?: string;
}

export interface NfpmContent {
  src?: string;
  dst: string;
  type?: string;
  packager?: string;
  expand?: boolean;
  file_info?: NfpmFileInfo;
}

export type NfpmScripts = Partial<Record<'preinstall' | 'postinstall' | 'preremove' | 'postremove', string>>;

/** The parts of the file pkgshift reads; the schema (nfpm-schema.ts) lists every key. */
export interface NfpmConfig {
  [key: string]: unknown;
  name?: string;
  contents?: NfpmContent[];
  scripts?: NfpmScripts;
  overrides?: Record<string, Record<string, unknown>>;
  rpm?: Record<string, unknown>;
  deb?: Record<string, unknown>;
}

export function readNfpmConfig(path: string, diag: Diagnostics, env: NodeJS.ProcessEnv = process.env): NfpmConfig {
  return parseNfpmConfig(readTextFile(path, 'nfpm config'), path, diag, env);
}

/** The YAML parser, loaded on first use: loading it costs more start-up time than most conversions spend packaging. */
const yaml = () => createRequire(import.meta.url)('yaml') as typeof Yaml;

export function parseNfpmConfig(text: string, where: string, diag: Diagnostics, env: NodeJS.ProcessEnv = process.env): NfpmConfig {
  const { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 0);
  const yamlError = doc.errors[0];
  if (yamlError) throw new PkgError('input-invalid', `${where} line ${lines.linePos(yamlError.pos[0]).line}: ${yamlError.message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new PkgError('input-invalid', `${where}: expected a map of nfpm keys (name, version, contents …)`);

  const ignored = new Set<string>();
  const notApplied = new Set<string>();
  const check = (node: unknown, schema: Schema, path: string): void => {
    if (schema === 'any' || schema === 'map' || node === null || node === undefined) return;
    const at = (n: unknown) => `${where} line ${lineOf(n as Node)}`;
    if (Array.isArray(schema)) {
      if (!isSeq(node)) throw new PkgError('input-invalid', `${at(node)}: '${path}' must be a list`);
      node.items.forEach((item) => check(item, schema[0]!, path));
      return;
    }
    if (schema === 'list') {
      if (!isSeq(node) && !isScalar(node)) throw new PkgError('input-invalid', `${at(node)}: '${path}' must be a list`);
      return;
    }
    if (schema === 'value') {
      if (!isScalar(node)) throw new PkgError('input-invalid', `${at(node)}: '${path}' must be a single value`);
      return;
    }
    if (!isMap(node)) throw new PkgError('input-invalid', `${at(node)}: '${path}' must be a map`);
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) throw new PkgError('input-invalid', `${at(pair.key)}: a key in '${path || 'the file'}' is not a plain name`);
      const key = String(pair.key.value);
      const full = path ? `${path}.${key}` : key;
      const sub = schema[key];
      if (sub === undefined) {
        throw new PkgError('input-invalid', `${at(pair.key)}: unknown key '${full}' (nfpm's keys here: ${Object.keys(schema).join(', ')})`);
      }
      if (OTHER_PACKAGERS.includes(key)) ignored.add(full);
      if (NOT_APPLIED.includes(full.replace(/^overrides\.\w+\./, ''))) notApplied.add(full);
      if (key === 'mode' && isScalar(pair.value) && /^0[0-7]+$/.test(pair.value.source ?? '')) pair.value.value = parseInt(pair.value.source!, 8);
      check(pair.value, sub, full);
    }
  };
  check(doc.contents, NFPM_SCHEMA, '');
  if (ignored.size) diag.warn('nfpm-packager-ignored', `${where}: ${[...ignored].join(', ')} ignored (pkgshift writes deb, rpm and tar)`);
  if (notApplied.size) diag.warn('nfpm-key-ignored', `${where}: ${[...notApplied].join(', ')} not applied by pkgshift`);
  return expandEnvironment(doc.toJS(), env) as NfpmConfig;
}

/** `$VAR` and `${VAR}` in every string value, as Go's os.ExpandEnv: unset variables expand to ''. */
function expandEnvironment(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, a?: string, b?: string) => env[(a ?? b)!] ?? '');
  if (Array.isArray(value)) return value.map((v) => expandEnvironment(v, env));
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnvironment(v, env)]));
}
