// The header tag in which pkgshift keeps, with --keep-foreign-metadata, what a deb said that rpm has
// no tag for (docs/FORMATS.md "Foreign metadata"). rpm stores every tag of a package's main header
// in its database and checks only the types and offsets of tags it does not know (hdrblobVerifyInfo):
// `rpm -K`, `rpm -i` and `rpm -q` accept and ignore it. Tags rpm defines stay below 6000 (5000 and up
// are the newest, rpmtag.h); this number is far above them, so no future rpm gives it a meaning.
export const FOREIGN_DEB_TAG = 0x7064_6b00; // "pdk\0": pkgshift, deb
