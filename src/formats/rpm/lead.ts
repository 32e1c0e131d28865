// The 96-byte rpm lead (docs/FORMATS.md §B1.1, rpm docs/manual/format_lead.md). rpm only checks the magic;
// the rest is historical, but we fill it as rpmbuild 4.18 does.
import { LEAD_MAGIC, LEAD_SIZE } from './tags.js';

export interface LeadFields {
  /** `name-version-release`, truncated to 65 bytes. */
  nevr: string;
  /** 0 binary, 1 source. */
  type?: 0 | 1;
  /** rpmrc arch number: rpmbuild writes the build host's (x86_64 = 1), even for noarch. */
  archnum?: number;
}

export function encodeLead({ nevr, type = 0, archnum = 1 }: LeadFields): Buffer {
  const lead = Buffer.alloc(LEAD_SIZE);
  Buffer.from(LEAD_MAGIC).copy(lead, 0);
  lead[4] = 3; // major: v3 lead, used by every v4 package
  lead[5] = 0;
  lead.writeUInt16BE(type, 6);
  lead.writeUInt16BE(archnum, 8);
  // name[66]: NUL-terminated, so at most 65 bytes; cut on a byte boundary like rpm's strncpy.
  Buffer.from(nevr, 'utf8').subarray(0, 65).copy(lead, 10);
  lead.writeUInt16BE(1, 76); // osnum: Linux
  lead.writeUInt16BE(5, 78); // signature_type: RPMSIGTYPE_HEADERSIG
  return lead;
}
