// The libraries pkgshift knows without a Debian host: soname → Debian package, the smallest version
// dpkg-shlibdeps would ask for, and the symbol versions (ELF version nodes) that raise it, as
// Debian 12's symbols and shlibs files give them (`/var/lib/dpkg/info/PKG.symbols`). glibc's nodes
// follow a rule instead: `GLIBC_2.34` → `libc6 (>= 2.34)`. One line per soname:
// `soname package min-version [NODE=version …]` (`-`: no version).
export const SHLIBS_TABLE = `
libacl.so.1 libacl1 2.2.23 ACL_1.2=2.2.51
libatomic.so.1 libatomic1 4.8 LIBATOMIC_1.1=4.9 LIBATOMIC_1.2=6
libattr.so.1 libattr1 1:2.4.44 ATTR_1.3=1:2.4.48
libaudit.so.1 libaudit1 1:2.2.1
libblkid.so.1 libblkid1 2.16 BLKID_2.17=2.17.2 BLKID_2.18=2.19.1 BLKID_2.20=2.20.1 BLKID_2.21=2.24.2 BLKID_2.23=2.24.2 BLKID_2.25=2.25 BLKID_2.30=2.30.2 BLKID_2_31=2.31.1 BLKID_2_36=2.36 BLKID_2_37=2.37.2
libbz2.so.1.0 libbz2-1.0 -
libcap.so.2 libcap2 1:2.10
libcrypt.so.1 libcrypt1 1:4.1.0 XCRYPT_4.3=1:4.3.0 XCRYPT_4.4=1:4.4.0
libcrypto.so.3 libssl3 3.0.0 OPENSSL_3.0.3=3.0.3 OPENSSL_3.0.8=3.0.8 OPENSSL_3.0.9=3.0.9
libcurl.so.4 libcurl4 7.16.2
libexpat.so.1 libexpat1 2.0.1
libexpatw.so.1 libexpat1 2.0.1
libffi.so.8 libffi8 3.4
libformw.so.6 libncursesw6 6 NCURSES6_TIC_6.1.20171230=6.1 NCURSES6_TINFO_6.1.20171230=6.1 NCURSES6_TINFO_6.2.20200212=6.2 NCURSES6_TINFO_6.2.20211010=6.3 NCURSESW6_6.1.20171230=6.1 NCURSESW6_6.2.20200212=6.2
libgcc_s.so.1 libgcc-s1 3.0 GCC_12.0.0=12 GCC_3.3=3.3 GCC_3.3.1=3.3.1 GCC_3.4=3.4 GCC_3.4.2=3.4.2 GCC_3.4.4=3.4.4 GCC_4.0.0=4.0 GCC_4.2.0=4.2 GCC_4.3.0=4.3 GCC_4.7.0=4.7 GCC_4.8.0=4.8 GCC_7.0.0=7
libgio-2.0.so.0 libglib2.0-0 2.16.0
libglib-2.0.so.0 libglib2.0-0 2.12.0
libgmodule-2.0.so.0 libglib2.0-0 2.12.0
libgmp.so.10 libgmp10 2:6.2.1+dfsg1
libgnutls.so.30 libgnutls30 3.7.0 GNUTLS_3_7_2=3.7.2 GNUTLS_3_7_3=3.7.3 GNUTLS_3_7_4=3.7.4 GNUTLS_3_7_5=3.7.5 GNUTLS_3_7_7=3.7.7
libgobject-2.0.so.0 libglib2.0-0 2.12.0
libgomp.so.1 libgomp1 4.2.1 GOACC_2.0=5 GOACC_2.0.1=6 GOACC_2.0.2=12 GOMP_2.0=4.4 GOMP_3.0=4.7 GOMP_4.0=4.9 GOMP_4.0.1=5 GOMP_4.5=6 GOMP_5.0=9 GOMP_5.0.1=11 GOMP_5.1=12 GOMP_PLUGIN_1.0=5 GOMP_PLUGIN_1.1=6 GOMP_PLUGIN_1.2=9 GOMP_PLUGIN_1.3=10 OACC_2.0=5 OACC_2.0.1=8 OACC_2.5=9 OACC_2.5.1=10 OACC_2.6=10 OMP_3.0=4.4 OMP_3.1=4.7 OMP_4.0=4.9 OMP_4.5=6 OMP_5.0=9 OMP_5.0.1=11 OMP_5.0.2=12 OMP_5.1=12
libgthread-2.0.so.0 libglib2.0-0 2.12.0
libhistory.so.8 libreadline8 6.0
liblzma.so.5 liblzma5 5.1.1alpha+20110809 XZ_5.1.2alpha=5.4 XZ_5.2=5.2.2 XZ_5.2.2=5.4 XZ_5.4=5.4.0
libmenuw.so.6 libncursesw6 6 NCURSES6_TIC_6.1.20171230=6.1 NCURSES6_TINFO_6.1.20171230=6.1 NCURSES6_TINFO_6.2.20200212=6.2 NCURSES6_TINFO_6.2.20211010=6.3 NCURSESW6_6.1.20171230=6.1 NCURSESW6_6.2.20200212=6.2
libmount.so.1 libmount1 2.19.1 MOUNT_2.20=2.20.1 MOUNT_2.21=2.24.2 MOUNT_2.22=2.24.2 MOUNT_2.23=2.24.2 MOUNT_2.24=2.24.2 MOUNT_2.25=2.24.2 MOUNT_2.26=2.26.2 MOUNT_2.28=2.28~rc1 MOUNT_2.30=2.30.2 MOUNT_2.33=2.33 MOUNT_2.34=2.34 MOUNT_2_35=2.35.1 MOUNT_2_37=2.37.2 MOUNT_2_38=2.38
libncursesw.so.6 libncursesw6 6 NCURSES6_TIC_6.1.20171230=6.1 NCURSES6_TINFO_6.1.20171230=6.1 NCURSES6_TINFO_6.2.20200212=6.2 NCURSES6_TINFO_6.2.20211010=6.3 NCURSESW6_6.1.20171230=6.1 NCURSESW6_6.2.20200212=6.2
libpam.so.0 libpam0g 0.99.7.1 LIBPAM_1.4=1.4.0 LIBPAM_EXTENSION_1.1=1.1.0 LIBPAM_EXTENSION_1.1.1=1.1.1 LIBPAM_MODUTIL_1.1=0.99.10.0 LIBPAM_MODUTIL_1.1.3=1.1.3 LIBPAM_MODUTIL_1.1.9=1.3.1 LIBPAM_MODUTIL_1.3.2=1.3.2 LIBPAM_MODUTIL_1.4.1=1.4.1
libpam_misc.so.0 libpam0g 0.99.7.1
libpamc.so.0 libpam0g 0.99.7.1
libpanelw.so.6 libncursesw6 6 NCURSES6_TIC_6.1.20171230=6.1 NCURSES6_TINFO_6.1.20171230=6.1 NCURSES6_TINFO_6.2.20200212=6.2 NCURSES6_TINFO_6.2.20211010=6.3 NCURSESW6_6.1.20171230=6.1 NCURSESW6_6.2.20200212=6.2
libpcre2-8.so.0 libpcre2-8-0 10.22
libpsx.so.2 libcap2 1:2.63
libreadline.so.8 libreadline8 6.0
libselinux.so.1 libselinux1 3.1~ LIBSELINUX_3.4=3.4
libssl.so.3 libssl3 3.0.0
libstdc++.so.6 libstdc++6 4.1.1 CXXABI_1.3.10=6 CXXABI_1.3.11=10.2 CXXABI_1.3.12=9 CXXABI_1.3.13=11 CXXABI_1.3.2=4.3 CXXABI_1.3.3=4.3 CXXABI_1.3.4=4.3 CXXABI_1.3.5=4.3 CXXABI_1.3.6=4.3 CXXABI_1.3.7=4.3 CXXABI_1.3.8=4.3 CXXABI_1.3.9=5 CXXABI_FLOAT128=5 CXXABI_TM_1=4.7 GLIBCXX_3.4.10=4.3 GLIBCXX_3.4.11=4.4 GLIBCXX_3.4.12=4.4 GLIBCXX_3.4.13=4.4.2 GLIBCXX_3.4.14=4.5 GLIBCXX_3.4.15=4.6 GLIBCXX_3.4.16=4.6 GLIBCXX_3.4.17=4.7 GLIBCXX_3.4.18=4.8 GLIBCXX_3.4.19=4.8 GLIBCXX_3.4.20=4.9 GLIBCXX_3.4.21=5.2 GLIBCXX_3.4.22=6 GLIBCXX_3.4.23=10.2 GLIBCXX_3.4.24=7 GLIBCXX_3.4.25=8 GLIBCXX_3.4.26=9 GLIBCXX_3.4.27=9.1 GLIBCXX_3.4.28=10.2 GLIBCXX_3.4.29=11 GLIBCXX_3.4.30=12 GLIBCXX_3.4.9=4.2.1
libsystemd.so.0 libsystemd0 0 LIBSYSTEMD_211=211 LIBSYSTEMD_213=213 LIBSYSTEMD_214=214 LIBSYSTEMD_216=217 LIBSYSTEMD_217=217 LIBSYSTEMD_219=219 LIBSYSTEMD_220=220 LIBSYSTEMD_221=221 LIBSYSTEMD_222=222 LIBSYSTEMD_226=226 LIBSYSTEMD_227=227 LIBSYSTEMD_229=229 LIBSYSTEMD_230=230 LIBSYSTEMD_231=231 LIBSYSTEMD_232=232 LIBSYSTEMD_233=233 LIBSYSTEMD_234=234 LIBSYSTEMD_236=236 LIBSYSTEMD_237=237 LIBSYSTEMD_238=238 LIBSYSTEMD_239=239 LIBSYSTEMD_240=240 LIBSYSTEMD_241=241 LIBSYSTEMD_243=243 LIBSYSTEMD_245=245 LIBSYSTEMD_246=246 LIBSYSTEMD_247=247 LIBSYSTEMD_248=248 LIBSYSTEMD_249=249 LIBSYSTEMD_250=250 LIBSYSTEMD_251=251 LIBSYSTEMD_252=252
libtic.so.6 libtinfo6 6 NCURSES6_TIC_6.1.20171230=6.1 NCURSES6_TINFO_6.1.20171230=6.1 NCURSES6_TINFO_6.2.20200212=6.2 NCURSES6_TINFO_6.2.20211010=6.3 NCURSESW6_6.1.20171230=6.1 NCURSESW6_6.2.20200212=6.2
libtinfo.so.6 libtinfo6 6 NCURSES6_TIC_6.1.20171230=6.1 NCURSES6_TINFO_6.1.20171230=6.1 NCURSES6_TINFO_6.2.20200212=6.2 NCURSES6_TINFO_6.2.20211010=6.3 NCURSESW6_6.1.20171230=6.1 NCURSESW6_6.2.20200212=6.2
libuuid.so.1 libuuid1 2.16 UUID_2.20=2.20.1 UUID_2.31=2.31.1 UUID_2.36=2.36
libz.so.1 zlib1g 1:1.1.4 ZLIB_1.2.0=1:1.2.0 ZLIB_1.2.0.2=1:1.2.0.2 ZLIB_1.2.0.8=1:1.2.0.8 ZLIB_1.2.12=1:1.2.13.dfsg ZLIB_1.2.2=1:1.2.2 ZLIB_1.2.2.3=1:1.2.2.3 ZLIB_1.2.2.4=1:1.2.2.4 ZLIB_1.2.3.3=1:1.2.3.4 ZLIB_1.2.3.4=1:1.2.3.4 ZLIB_1.2.3.5=1:1.2.6 ZLIB_1.2.5.1=1:1.2.6 ZLIB_1.2.5.2=1:1.2.6 ZLIB_1.2.7.1=1:1.2.8 ZLIB_1.2.9=1:1.2.11.dfsg
libzstd.so.1 libzstd1 1.5.2
`;

/** glibc's libraries, all in one package: the version is the highest `GLIBC_x.y` node used. */
export const GLIBC_SONAMES: readonly string[] = [
  'libc.so.6', 'libm.so.6', 'libpthread.so.0', 'libdl.so.2', 'librt.so.1', 'libresolv.so.2', 'libutil.so.1',
  'libanl.so.1', 'libBrokenLocale.so.1', 'libmvec.so.1', 'libnss_files.so.2', 'libnss_dns.so.2', 'libnsl.so.1',
  'libthread_db.so.1', 'libc_malloc_debug.so.0',
  'ld-linux-x86-64.so.2', 'ld-linux-aarch64.so.1', 'ld-linux.so.2', 'ld-linux-armhf.so.3', 'ld64.so.2', 'ld64.so.1',
  'ld-linux-riscv64-lp64d.so.1',
];
export const GLIBC_PACKAGE = 'libc6';
export const GLIBC_NODE = /^GLIBC_(\d+(?:\.\d+)+)$/;

let packages: Map<string, string> | undefined;

/** The Debian package that ships `soname`, when the table knows it (zlib1g for libz.so.1, libssl3 for libcrypto.so.3). */
export function debPackageOfSoname(soname: string): string | undefined {
  if (!packages) {
    packages = new Map(SHLIBS_TABLE.trim().split('\n').map((line): [string, string] => {
      const [soname = '', pkg = ''] = line.split(' ');
      return [soname, pkg];
    }));
    for (const name of GLIBC_SONAMES) packages.set(name, GLIBC_PACKAGE);
  }
  return packages.get(soname);
}
