/**
 * Electron entry point. Placeholder until the shell lands: see
 * src-main/electron/README.md. Everything it will call lives outside
 * src-main/electron/ and is tested under Node.
 */
import { app } from 'electron';

app.whenReady().then(() => app.quit());
