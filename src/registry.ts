// The plain list of inputs and outputs: no import side effects, no discovery.
import { PkgError } from './core/errors.js';
import type { InputPlugin, OutputPlugin } from './plugin.js';
import { dirInput } from './inputs/dir.js';
import { tarInput } from './inputs/tar.js';
import { npmInput } from './inputs/npm/index.js';
import { debInput } from './inputs/deb/index.js';
import { rpmInput } from './inputs/rpm/index.js';
import { tarOutput } from './outputs/tar.js';
import { debOutput } from './outputs/deb/index.js';
import { rpmOutput } from './outputs/rpm/index.js';

export const inputs: readonly InputPlugin[] = [dirInput, tarInput, npmInput, debInput, rpmInput];

export const outputs: readonly OutputPlugin[] = [debOutput, rpmOutput, tarOutput];

export function findInput(name: string): InputPlugin {
  const found = inputs.find((p) => p.name === name);
  if (!found) throw new PkgError('usage', `unknown input type '${name}' (known: ${inputs.map((p) => p.name).join(', ')})`);
  return found;
}

export function findOutput(name: string): OutputPlugin {
  const found = outputs.find((p) => p.name === name);
  if (!found) throw new PkgError('usage', `unknown output type '${name}' (known: ${outputs.map((p) => p.name).join(', ')})`);
  return found;
}
