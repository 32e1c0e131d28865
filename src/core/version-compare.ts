// dpkg's and rpm's version orderings (deb-version(7), rpm-version(7)), used to warn when a
// translated version would sort differently against its neighbours (docs/FORMATS.md §B5.2).

/** dpkg's verrevcmp on one part (upstream or revision). */
function dpkgPart(a: string, b: string): number {
  const order = (c: string | undefined): number => {
    if (c === undefined) return 0;
    if (c === '~') return -1;
    if (/[0-9]/.test(c)) return 0;
    if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let diff = 0;
    while ((i < a.length && !/[0-9]/.test(a[i]!)) || (j < b.length && !/[0-9]/.test(b[j]!))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && /[0-9]/.test(a[i]!) && j < b.length && /[0-9]/.test(b[j]!)) {
      if (!diff) diff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /[0-9]/.test(a[i]!)) return 1;
    if (j < b.length && /[0-9]/.test(b[j]!)) return -1;
    if (diff) return diff;
  }
  return 0;
}

/** `[epoch:]version[-release]`, split at the first `:` and the last `-` (both formats' rule). */
function splitVersion(v: string): [epoch: number, version: string, release: string] {
  const colon = v.indexOf(':');
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return [colon > 0 ? Number(v.slice(0, colon)) : 0, dash > 0 ? rest.slice(0, dash) : rest, dash > 0 ? rest.slice(dash + 1) : ''];
}

function compareWith(part: (a: string, b: string) => number, a: string, b: string): number {
  const [ea, va, ra] = splitVersion(a);
  const [eb, vb, rb] = splitVersion(b);
  return Math.sign(ea - eb || part(va, vb) || part(ra, rb));
}

/** Compares two deb version strings `[epoch:]upstream[-revision]`; sign only. */
export function compareDeb(a: string, b: string): number {
  return compareWith(dpkgPart, a, b);
}

/** rpm's rpmvercmp on one part (version or release). */
function rpmPart(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const separator = /[^A-Za-z0-9~^]/;
  while (i < a.length || j < b.length) {
    while (i < a.length && separator.test(a[i]!)) i++;
    while (j < b.length && separator.test(b[j]!)) j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = /[0-9]/.test(a[i]!);
    const segment = numeric ? /^[0-9]+/ : /^[A-Za-z]+/;
    const sa = segment.exec(a.slice(i))?.[0] ?? '';
    const sb = segment.exec(b.slice(j))?.[0] ?? '';
    if (!sb) return numeric ? 1 : -1; // numeric segments are newer than alpha ones
    i += sa.length;
    j += sb.length;
    if (numeric) {
      const na = sa.replace(/^0+/, '');
      const nb = sb.replace(/^0+/, '');
      if (na.length !== nb.length) return na.length > nb.length ? 1 : -1;
      if (na !== nb) return na > nb ? 1 : -1;
    } else if (sa !== sb) {
      return sa > sb ? 1 : -1;
    }
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Compares two rpm `[epoch:]version[-release]` strings; sign only. */
export function compareRpm(a: string, b: string): number {
  return compareWith(rpmPart, a, b);
}
