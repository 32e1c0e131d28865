// rpm v4 tag numbers, data types and flag constants (docs/FORMATS.md §B1; rpm 4.18 include/rpm/rpmtag.h,
// rpmds.h, rpmfiles.h, rpmpgp.h). Shared by the header encoder (header.ts) and decoder (header-read.ts).

/** Header entry data types (rpmTagType). */
export const RpmType = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18NSTRING: 9,
} as const;
export type RpmTypeId = (typeof RpmType)[keyof typeof RpmType];

/** Byte alignment of each type inside the data section (§B1.2: only integers are aligned). */
export function typeAlignment(type: number): number {
  switch (type) {
    case RpmType.INT16: return 2;
    case RpmType.INT32: return 4;
    case RpmType.INT64: return 8;
    default: return 1;
  }
}

/** Region tags (§B1.2 "Immutable region"). */
export const HEADER_SIGNATURES = 62;
export const HEADER_IMMUTABLE = 63;

/** Signature header tags (RPMSIGTAG_*, §B1.3). */
export const SigTag = {
  HEADERSIGNATURES: 62,
  DSA: 267,
  RSA: 268,
  SHA1: 269,
  LONGSIZE: 270,
  LONGARCHIVESIZE: 271,
  SHA256: 273,
  SIZE: 1000,
  PGP: 1002,
  MD5: 1004,
  GPG: 1005,
  PAYLOADSIZE: 1007,
  RESERVEDSPACE: 1008,
} as const;

/** Main header tags (RPMTAG_*). */
export const Tag = {
  HEADERIMMUTABLE: 63,
  HEADERI18NTABLE: 100,
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  DESCRIPTION: 1005,
  BUILDTIME: 1006,
  BUILDHOST: 1007,
  SIZE: 1009,
  DISTRIBUTION: 1010,
  VENDOR: 1011,
  LICENSE: 1014,
  PACKAGER: 1015,
  GROUP: 1016,
  CHANGELOG: 1017,
  URL: 1020,
  OS: 1021,
  ARCH: 1022,
  PREIN: 1023,
  POSTIN: 1024,
  PREUN: 1025,
  POSTUN: 1026,
  OLDFILENAMES: 1027,
  FILESIZES: 1028,
  FILESTATES: 1029,
  FILEMODES: 1030,
  FILERDEVS: 1033,
  FILEMTIMES: 1034,
  FILEDIGESTS: 1035,
  FILELINKTOS: 1036,
  FILEFLAGS: 1037,
  FILEUSERNAME: 1039,
  FILEGROUPNAME: 1040,
  SOURCERPM: 1044,
  FILEVERIFYFLAGS: 1045,
  ARCHIVESIZE: 1046,
  PROVIDENAME: 1047,
  REQUIREFLAGS: 1048,
  REQUIRENAME: 1049,
  REQUIREVERSION: 1050,
  CONFLICTFLAGS: 1053,
  CONFLICTNAME: 1054,
  CONFLICTVERSION: 1055,
  RPMVERSION: 1064,
  CHANGELOGTIME: 1080,
  CHANGELOGNAME: 1081,
  CHANGELOGTEXT: 1082,
  VERIFYSCRIPT: 1079,
  PREINPROG: 1085,
  POSTINPROG: 1086,
  PREUNPROG: 1087,
  POSTUNPROG: 1088,
  OBSOLETENAME: 1090,
  VERIFYSCRIPTPROG: 1091,
  FILEDEVICES: 1095,
  FILEINODES: 1096,
  FILELANGS: 1097,
  PREFIXES: 1098,
  PROVIDEFLAGS: 1112,
  PROVIDEVERSION: 1113,
  OBSOLETEFLAGS: 1114,
  OBSOLETEVERSION: 1115,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  OPTFLAGS: 1122,
  DISTURL: 1123,
  PAYLOADFORMAT: 1124,
  PAYLOADCOMPRESSOR: 1125,
  PAYLOADFLAGS: 1126,
  PLATFORM: 1132,
  FILECOLORS: 1140,
  FILECLASS: 1141,
  CLASSDICT: 1142,
  PRETRANS: 1151,
  POSTTRANS: 1152,
  PRETRANSPROG: 1153,
  POSTTRANSPROG: 1154,
  LONGFILESIZES: 5008,
  LONGSIZE: 5009,
  FILECAPS: 5010,
  FILEDIGESTALGO: 5011,
  BUGURL: 5012,
  ENCODING: 5062,
  PREINFLAGS: 5020,
  POSTINFLAGS: 5021,
  PREUNFLAGS: 5022,
  POSTUNFLAGS: 5023,
  PRETRANSFLAGS: 5024,
  POSTTRANSFLAGS: 5025,
  VERIFYSCRIPTFLAGS: 5026,
  RECOMMENDNAME: 5046,
  RECOMMENDVERSION: 5047,
  RECOMMENDFLAGS: 5048,
  SUGGESTNAME: 5049,
  SUGGESTVERSION: 5050,
  SUGGESTFLAGS: 5051,
  SUPPLEMENTNAME: 5052,
  SUPPLEMENTVERSION: 5053,
  SUPPLEMENTFLAGS: 5054,
  ENHANCENAME: 5055,
  ENHANCEVERSION: 5056,
  ENHANCEFLAGS: 5057,
  PAYLOADDIGEST: 5092,
  PAYLOADDIGESTALGO: 5093,
  PAYLOADDIGESTALT: 5097,
} as const;

/** Dependency sense flags (rpmds.h rpmsenseFlags). */
export const RPMSENSE = {
  ANY: 0,
  LESS: 1 << 1,
  GREATER: 1 << 2,
  EQUAL: 1 << 3,
  POSTTRANS: 1 << 5,
  PREREQ: 1 << 6,
  PRETRANS: 1 << 7,
  INTERP: 1 << 8,
  SCRIPT_PRE: 1 << 9,
  SCRIPT_POST: 1 << 10,
  SCRIPT_PREUN: 1 << 11,
  SCRIPT_POSTUN: 1 << 12,
  SCRIPT_VERIFY: 1 << 13,
  FIND_REQUIRES: 1 << 14,
  FIND_PROVIDES: 1 << 15,
  TRIGGERIN: 1 << 16,
  TRIGGERUN: 1 << 17,
  TRIGGERPOSTUN: 1 << 18,
  MISSINGOK: 1 << 19,
  RPMLIB: 1 << 24,
  TRIGGERPREIN: 1 << 25,
  KEYRING: 1 << 26,
  CONFIG: 1 << 28,
} as const;
/** The comparison bits of a sense value. */
export const RPMSENSE_SENSEMASK = RPMSENSE.LESS | RPMSENSE.GREATER | RPMSENSE.EQUAL;

/** FILEFLAGS bits (rpmfiles.h rpmfileAttrs). */
export const RPMFILE = {
  NONE: 0,
  CONFIG: 1 << 0,
  DOC: 1 << 1,
  ICON: 1 << 2,
  MISSINGOK: 1 << 3,
  NOREPLACE: 1 << 4,
  SPECFILE: 1 << 5,
  GHOST: 1 << 6,
  LICENSE: 1 << 7,
  README: 1 << 8,
  PUBKEY: 1 << 11,
  ARTIFACT: 1 << 12,
} as const;

/** FILEVERIFYFLAGS bits (rpmfiles.h rpmVerifyAttrs). */
export const RPMVERIFY = {
  NONE: 0,
  FILEDIGEST: 1 << 0,
  FILESIZE: 1 << 1,
  LINKTO: 1 << 2,
  USER: 1 << 3,
  GROUP: 1 << 4,
  MTIME: 1 << 5,
  MODE: 1 << 6,
  RDEV: 1 << 7,
  CAPS: 1 << 8,
  ALL: 0xffffffff,
} as const;

/** Hash algorithm ids (rpmpgp.h PGPHASHALGO) used by FILEDIGESTALGO / PAYLOADDIGESTALGO. */
export const HASHALGO = {
  MD5: 1,
  SHA1: 2,
  SHA256: 8,
  SHA384: 9,
  SHA512: 10,
  SHA224: 11,
  SHA3_256: 12,
} as const;

/** File type bits of FILEMODES (stat.h). */
export const S_IFMT = 0o170000;
export const S_IFREG = 0o100000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

/** Lead (§B1.1). */
export const LEAD_MAGIC = [0xed, 0xab, 0xee, 0xdb] as const;
export const LEAD_SIZE = 96;
/** Header intro magic (§B1.2): 8e ad e8 01 + 4 reserved zero bytes. */
export const HEADER_MAGIC = [0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0] as const;
