/** All areas' strings, merged per language. Add an area: one import, one entry. */
import { core } from './core';
import { decisions } from './decisions';
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

export const areas: Record<string, AreaCatalogue> = {
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
};

function merge(language: 'lv' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [area, catalogue] of Object.entries(areas)) {
    for (const [key, text] of Object.entries(catalogue[language])) {
      if (key in out) throw new Error(`i18n: key ${key} of area ${area} is defined twice`);
      out[key] = text;
    }
  }
  return out;
}

export const lv = merge('lv');
export const en = merge('en');
