/**
 * All areas' strings, merged per language. Add an area: one import, one
 * entry; declare its strings `as const satisfies AreaCatalogue` so their keys
 * become `MessageKey`s (a missing key is then a type error in `t`).
 */
import { core } from './core';
import { decisions } from './decisions';
import { decisionsUi } from './decisions-ui';
import { schoolDecisions } from './school-decisions';
import { exchange } from './exchange';
import { exchangeUi } from './exchange-ui';
import { municipality } from './municipality';
import { national } from './national';
import { cli } from './cli';
import { dataSafety } from './data-safety';
import { home } from './home';
import { schoolData } from './school-data';
import { settings } from './settings';
import { setup } from './setup';
import { shell } from './shell';
import { students } from './students';
import { ui } from './ui';
import { supportPlans } from './support-plans';
import { screening } from './screening';
import { plans } from './plans';
import { deliveries } from './deliveries';
import { semesterEnd } from './semester-end';
import { print } from './print';
import { journal } from './journal';
import { statistics } from './statistics';
import type { AreaCatalogue } from './types';

export const areas = {
  supportPlans,
  core,
  exchange,
  exchangeUi,
  municipality,
  national,
  schoolData,
  cli,
  dataSafety,
  ui,
  home,
  settings,
  setup,
  students,
  shell,
  screening,
  plans,
  deliveries,
  semesterEnd,
  print,
  journal,
  statistics,
  decisions,
  decisionsUi,
  schoolDecisions,
} as const satisfies Record<string, AreaCatalogue>;

type Areas = typeof areas;
/** An area declared without `as const` would turn every key into `string`: this fails to compile instead. */
type LiteralKeys<K> = string extends K ? never : K;
type KeysOf<A extends keyof Areas> = LiteralKeys<keyof Areas[A]['lv'] & string> | LiteralKeys<keyof Areas[A]['en'] & string>;
type PluralBase<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;
/** Every key of the catalogue (plural forms with their suffix). */
export type CatalogueKey = { [A in keyof Areas]: KeysOf<A> }[keyof Areas];
/** A key `t` accepts: every catalogue key, and plural keys also without their suffix. */
export type MessageKey = CatalogueKey | PluralBase<CatalogueKey>;
type AllTrue<T extends Record<string, true>> = T;
export type _EveryAreaDeclaredAsConst = AllTrue<{ [A in keyof Areas]: [KeysOf<A>] extends [never] ? false : true }>;

function merge(language: 'lv' | 'en'): Readonly<Record<CatalogueKey, string>> {
  const out: Record<string, string> = {};
  for (const [area, catalogue] of Object.entries<AreaCatalogue>(areas)) {
    for (const [key, text] of Object.entries(catalogue[language])) {
      if (key in out) throw new Error(`i18n: key ${key} of area ${area} is defined twice`);
      out[key] = text;
    }
  }
  return out as Record<CatalogueKey, string>;
}

export const lv = merge('lv');
export const en = merge('en');
