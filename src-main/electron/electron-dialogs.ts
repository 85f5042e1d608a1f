/**
 * The Dialogs port over Electron's native file dialogs. Callers pass i18n
 * keys; titles and filter names are translated here. A suggested file name
 * is reduced to its base name, so a caller cannot point the dialog outside
 * the user's Documents folder by accident.
 */
import { BrowserWindow, app, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { basename, join } from 'node:path';
import type { Dialogs, FileFilter } from '../ports/dialogs';

export type Translate = (key: string) => string;

function filtersFor(t: Translate, filters: FileFilter[]): Electron.FileFilter[] {
  return filters.map((filter) => ({ name: t(filter.nameKey), extensions: filter.extensions }));
}

/** `parent` gives the window the dialog belongs to (modal to it), or null. */
export function createElectronDialogs(t: Translate, parent: () => BrowserWindow | null): Dialogs {
  return {
    async chooseSaveFile({ titleKey, defaultName, filters }) {
      const options: SaveDialogOptions = {
        title: t(titleKey),
        defaultPath: join(app.getPath('documents'), basename(defaultName)),
        filters: filtersFor(t, filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenFiles({ titleKey, filters, multi, directory }) {
      const properties: OpenDialogOptions['properties'] = [directory ? 'openDirectory' : 'openFile'];
      if (multi) properties.push('multiSelections');
      const options: OpenDialogOptions = {
        title: t(titleKey),
        properties,
        ...(directory ? {} : { filters: filtersFor(t, filters) }),
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
  };
}
