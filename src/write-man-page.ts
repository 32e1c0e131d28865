// `npm run man`: writes man/pkgshift.1 from the program's definitions (cli/man-page.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildProgram, packageVersion } from './cli/program.js';
import { manPage } from './cli/man-page.js';

const target = new URL('../../man/pkgshift.1', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, manPage(buildProgram(), packageVersion()));
