// What pkgshift writes where a format needs a value the package does not have. Plainly marked, so that
// lint flags it and a later read of pkgshift's own output recognises it and drops it again.

/** deb needs a Maintainer: an address in the reserved `.invalid` domain, never a guessed `user@host`. */
export const PLACEHOLDER_MAINTAINER = 'pkgshift placeholder <maintainer-unknown@pkgshift.invalid>';
