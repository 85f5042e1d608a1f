/**
 * Turns zod issues into field errors whose messages are i18n keys.
 * Schemas in src-shared give custom messages that are keys ("errors.field.*");
 * zod's own English texts are replaced by a key per issue code.
 */
import type { z } from 'zod';
import type { FieldError } from './result';

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const messageKey = issue.message.startsWith('errors.') ? issue.message : genericKey(issue);
    // A field check and a cross-field rule may say the same thing twice.
    if (seen.has(`${path}\u0000${messageKey}`)) continue;
    seen.add(`${path}\u0000${messageKey}`);
    fields.push({ path, messageKey });
  }
  return fields;
}

function genericKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'errors.field.required' : 'errors.field.tooSmall';
    case 'too_big':
      return 'errors.field.tooBig';
    case 'invalid_type':
      return issue.input === undefined ? 'errors.field.required' : 'errors.field.invalid';
    case 'invalid_value':
      return 'errors.field.notAllowed';
    default:
      return 'errors.field.invalid';
  }
}
