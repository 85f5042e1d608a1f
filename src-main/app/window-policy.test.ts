import { describe, expect, it } from 'vitest';
import { APP_START_URL, checkIpcSender, clientIdFor, isAppUrl, isNavigationAllowed, webContentsIdFromClientId, type IpcSenderFacts } from './window-policy';

describe('isAppUrl / isNavigationAllowed', () => {
  it('accepts our own origin, any path', () => {
    for (const url of [APP_START_URL, 'app://pumpurs/index.html', 'app://pumpurs/students/12?tab=plan#x']) {
      expect(isAppUrl(url), url).toBe(true);
      expect(isNavigationAllowed(url), url).toBe(true);
    }
  });

  it('refuses every other scheme, host, port or credential', () => {
    for (const url of [
      'https://pumpurs.lv/',
      'http://127.0.0.1:5178/',
      'file:///C:/Windows/System32/calc.exe',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'about:blank',
      'app://evil/',
      'app://pumpurs.evil/',
      'app://pumpurs:8080/',
      'app://user:pw@pumpurs/',
      'app:pumpurs/',
      'devtools://devtools/bundled/inspector.html',
      'chrome://settings',
      '',
      'not a url',
      // Chromium hands us canonical (lower-case) URLs for a standard scheme; anything else is refused.
      'APP://PUMPURS/',
    ]) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('refuses things that are not strings, and absurdly long URLs', () => {
    for (const value of [undefined, null, 42, {}, ['app://pumpurs/']]) expect(isAppUrl(value)).toBe(false);
    expect(isAppUrl(`app://pumpurs/${'a'.repeat(9000)}`)).toBe(false);
  });
});

describe('checkIpcSender', () => {
  const good: IpcSenderFacts = { frameUrl: 'app://pumpurs/', isMainFrame: true, isOurWindow: true };

  it('allows our top frame on app://', () => {
    expect(checkIpcSender(good)).toEqual({ allowed: true });
    expect(checkIpcSender({ ...good, frameUrl: 'app://pumpurs/students?x=1' })).toEqual({ allowed: true });
  });

  it('refuses a frame Electron no longer has', () => {
    expect(checkIpcSender({ ...good, frameUrl: null })).toEqual({ allowed: false, reason: 'no-frame' });
  });

  it('refuses windows the factory did not create', () => {
    expect(checkIpcSender({ ...good, isOurWindow: false })).toEqual({ allowed: false, reason: 'foreign-window' });
  });

  it('refuses sub-frames, even on app://', () => {
    expect(checkIpcSender({ ...good, isMainFrame: false })).toEqual({ allowed: false, reason: 'sub-frame' });
  });

  it('refuses our top frame once it shows anything but app://', () => {
    for (const frameUrl of ['https://example.org/', 'file:///tmp/x.html', 'about:blank', 'data:text/html,x', 'app://other/']) {
      expect(checkIpcSender({ ...good, frameUrl }), frameUrl).toEqual({ allowed: false, reason: 'foreign-origin' });
    }
  });
});

describe('clientIdFor', () => {
  it('names a window by its webContents id', () => {
    expect(clientIdFor(7)).toBe('wc:7');
  });
});

describe('webContentsIdFromClientId', () => {
  it('reads back the id clientIdFor wrote, and nothing from other clients', () => {
    expect(webContentsIdFromClientId(clientIdFor(42))).toBe(42);
    for (const other of ['bridge', 'cli', 'wc:', 'wc:-1', 'wc:1.5', 'wc:12abc', ' wc:3', 'wc:9999999999']) {
      expect(webContentsIdFromClientId(other)).toBeNull();
    }
  });
});
