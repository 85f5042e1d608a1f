import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondToAppRequest } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pumpurs-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>PuMPuRS</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer folder');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => respondToAppRequest({ url, method }, rendererDir);

describe('respondToAppRequest', () => {
  it('serves index.html for the start URL and for app routes, with the CSP', async () => {
    for (const url of ['app://pumpurs/', 'app://pumpurs/index.html', 'app://pumpurs/students/12']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>PuMPuRS</title>');
    }
  });

  it('serves assets with their content type', async () => {
    const res = await get('app://pumpurs/assets/app.js?v=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://pumpurs/assets/app.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('never leaves the renderer folder, and still sends the CSP when it refuses', async () => {
    for (const url of [
      'app://pumpurs/../secret.txt',
      'app://pumpurs/%2e%2e/secret.txt',
      'app://pumpurs/..%2fsecret.txt',
      'app://pumpurs/assets/..%2f..%2fsecret.txt',
      'app://pumpurs/%00.js',
      'app://pumpurs/missing.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('refuses other hosts and schemes', async () => {
    for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'https://pumpurs/index.html']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('app://pumpurs/index.html', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
