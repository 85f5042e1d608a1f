/**
 * The application menu. Electron's default menu offers Reload, Toggle
 * Developer Tools and a Help link that opens a web page; ours keeps only
 * editing (clipboard shortcuts need it on macOS), zoom (accessibility) and
 * window commands. On Windows and Linux the bar is hidden until Alt is
 * pressed; the shortcuts work either way.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(t: (key: string) => string, platform: NodeJS.Platform): void {
  const template: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'editMenu' },
    {
      label: t('shell.menu.view'),
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
