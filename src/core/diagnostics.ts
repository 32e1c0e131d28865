// Diagnostics: what pkgshift tells the user besides its result. One type serves the conversion's
// notes (a guessed name, a dropped feature, a placeholder: said while an output plans the package) and
// lint's findings, so that one reporter (commands/reporter.ts) applies --suppress, --quiet and
// --verbose to both and says each fact once.

export type Severity = 'error' | 'warning' | 'info';

/**
 * The metadata a diagnostic is about, when it is about a value the user did not give (a placeholder
 * written, a summary filled in): `description` is --description's summary and long text together.
 */
export type MetadataField = 'maintainer' | 'description' | 'license';

export interface Diagnostic {
  /** Stable kebab-case id, e.g. `maintainer-placeholder`, `meta-name-invalid`. */
  id: string;
  severity: Severity;
  /** The package path it is about (`/usr/bin/foo`), if any. */
  path?: string;
  message: string;
  /** How to fix it (every lint finding has one). */
  hint?: string;
  /** A conversion note and a lint finding about the same field are the same fact: it is said once. */
  field?: MetadataField;
}

export interface DiagnosticDetails {
  path?: string;
  field?: MetadataField;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];
  constructor(private readonly sink?: (d: Diagnostic) => void) {}

  warn(id: string, message: string, details: DiagnosticDetails = {}): void {
    this.add({ id, severity: 'warning', message, ...details });
  }

  info(id: string, message: string, details: DiagnosticDetails = {}): void {
    this.add({ id, severity: 'info', message, ...details });
  }

  private add(d: Diagnostic): void {
    this.items.push(d);
    this.sink?.(d);
  }
}
