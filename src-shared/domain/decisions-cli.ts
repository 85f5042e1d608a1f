/** Euro amounts as people type them ("30", "30,5", "30.50") to integer cents; null when it is not one. */
export function parseEuroToCents(text: string): number | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number(((match[2] ?? '') + '00').slice(0, 2));
}
