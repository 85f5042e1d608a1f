/**
 * Catalogues shipped as editable data in resources/catalogues/ (borders and
 * names change; a new list needs no new code).
 */
import { join } from 'node:path';
import type { Municipality } from '../../../src-shared/domain/organisation';
import { FILE_CAPS, readFileCapped } from '../../ports/capped-read';

/** Parses `kind<TAB>name` lines; `#` starts a comment. Kinds are stored without diacritics. */
export function parseMunicipalities(text: string): Municipality[] {
  const out: Municipality[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [kind, name, ...rest] = trimmed.split('\t');
    if (!name || rest.length > 0) throw new Error(`municipalities: line ${index + 1} is not "kind<TAB>name"`);
    const k = kind === 'valstspilsēta' ? 'valstspilseta' : kind === 'novads' ? 'novads' : null;
    if (!k) throw new Error(`municipalities: line ${index + 1} has unknown kind ${kind}`);
    out.push({ kind: k, name: name.trim() });
  }
  return out;
}

export async function loadMunicipalities(resourcesDir: string): Promise<Municipality[]> {
  return parseMunicipalities((await readFileCapped(join(resourcesDir, 'catalogues', 'municipalities-lv.txt'), FILE_CAPS.catalogue)).toString('utf8'));
}
