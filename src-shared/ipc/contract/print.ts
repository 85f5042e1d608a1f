/** Printing: the printable plan saved as an A4 PDF by main (Electron's printToPDF). */
import { z } from 'zod';
import { channel, EVERY_MODE, signedIn } from '../channel';

export const printChannels = {
  /**
   * Renders the calling window's page as an A4 PDF (print stylesheet, no
   * header or footer added) and saves it where the person chooses in a save
   * dialog. `saved: false` when they cancel. RULE_VIOLATION
   * `errors.print.unavailable` where there is no printer (the CLI, the test
   * bridge: tests call Chromium's page.pdf on the same page instead).
   */
  'print:savePdf': channel(
    z.object({
      fileName: z
        .string()
        .trim()
        .regex(/^[\w.-]{1,120}\.pdf$/, 'errors.field.invalid'),
    }),
    z.object({ saved: z.boolean() }),
    signedIn('school.read', EVERY_MODE),
  ),
} as const;
