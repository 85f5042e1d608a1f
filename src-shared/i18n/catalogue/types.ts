/** One area's strings in both languages. Latvian plurals: _zero, _one, _other; English: _one, _other. */
export interface AreaCatalogue {
  lv: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}
