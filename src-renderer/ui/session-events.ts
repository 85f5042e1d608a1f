/**
 * "The service says we are no longer signed in": reported by the API hooks,
 * heard by the session (which locks the screen, keeping the page as it is).
 */
const listeners = new Set<() => void>();

export function reportSessionLost(): void {
  for (const listener of listeners) listener();
}

export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
