// deb Section ⇄ rpm Group (README "What conversion changes"). The model's `section` is in Debian's
// vocabulary (a fixed list, Debian Policy §2.4); rpm's Group is free text, traditionally Red Hat's
// `Area/Subarea` list (openSUSE uses a longer one of the same form). One table serves both directions
// and is one-to-one, so deb → rpm → deb gives the Section back and rpm → deb → rpm the Group.

/** [Debian section, rpm Group]: each section and each group appears once. */
const TABLE: readonly (readonly [string, string])[] = [
  ['admin', 'System Environment/Base'],
  ['comm', 'Applications/Communications'],
  ['database', 'Applications/Databases'],
  ['debug', 'Development/Debug'],
  ['devel', 'Development/Tools'],
  ['doc', 'Documentation'],
  ['editors', 'Applications/Editors'],
  ['electronics', 'Applications/Engineering'],
  ['fonts', 'User Interface/X/Fonts'],
  ['games', 'Amusements/Games'],
  ['graphics', 'Applications/Multimedia/Graphics'],
  ['httpd', 'System Environment/Daemons/Web'],
  ['interpreters', 'Development/Languages'],
  ['java', 'Development/Libraries/Java'],
  ['kernel', 'System Environment/Kernel'],
  ['libdevel', 'Development/Libraries'],
  ['libs', 'System Environment/Libraries'],
  ['mail', 'Applications/Internet/Mail'],
  ['math', 'Applications/Engineering/Math'],
  ['misc', 'Applications/System'],
  ['net', 'Applications/Internet'],
  ['news', 'Applications/Internet/News'],
  ['otherosfs', 'Applications/Emulators'],
  ['perl', 'Development/Languages/Perl'],
  ['python', 'Development/Languages/Python'],
  ['ruby', 'Development/Languages/Ruby'],
  ['science', 'Applications/Engineering/Science'],
  ['shells', 'System Environment/Shells'],
  ['sound', 'Applications/Multimedia/Sound'],
  ['tex', 'Applications/Publishing/TeX'],
  ['text', 'Applications/Text'],
  ['utils', 'Applications/File'],
  ['vcs', 'Development/Tools/Version Control'],
  ['video', 'Applications/Multimedia/Video'],
  ['web', 'Applications/Internet/Web'],
  ['x11', 'User Interface/X'],
];

/** Groups outside the table: by their first component (Red Hat's and openSUSE's top levels), one way only. */
const SECTION_OF_AREA: Record<string, string> = {
  amusements: 'games', applications: 'misc', development: 'devel', documentation: 'doc', hardware: 'admin',
  productivity: 'utils', system: 'admin', 'system environment': 'admin', 'user interface': 'x11', utilities: 'utils',
};

const GROUP_OF = new Map(TABLE.map(([section, group]) => [section, group]));
const SECTION_OF = new Map(TABLE.map(([section, group]) => [group.toLowerCase(), section]));

/** A Debian section name, optionally in an archive area (`contrib/net`), as dpkg writes them. */
const SECTION_NAME = /^(?:[a-z-]+\/)?[a-z0-9][a-z0-9+.-]*$/;

/** The rpm Group for a Debian section: the table's, else the section as written (rpm's Group is free text). */
export function groupForSection(section: string): string {
  return GROUP_OF.get(section) ?? section;
}

/**
 * The Debian section for an rpm Group: the table's, else a Group that is itself a section name
 * (what groupForSection wrote for a section the table lacks), else the section of its top level
 * (openSUSE's `Productivity/File utilities` → utils, which gives another Group back), else none
 * (`Unspecified`).
 */
export function sectionForGroup(group: string): string | undefined {
  const trimmed = group.trim();
  const area = trimmed.toLowerCase().split('/')[0]!.trim();
  return SECTION_OF.get(trimmed.toLowerCase()) ?? (SECTION_NAME.test(trimmed) ? trimmed : SECTION_OF_AREA[area]);
}

/** Whether the Group comes back from the section sectionForGroup gives (else only --keep-foreign-metadata carries it). */
export function groupSurvivesSection(group: string): boolean {
  const section = sectionForGroup(group);
  return section !== undefined && groupForSection(section) === group;
}
