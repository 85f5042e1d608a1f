/**
 * The session between the API hooks and the app frame: the hooks report
 * "the service says we are no longer signed in" (the frame locks the screen,
 * keeping the page); the frame reports "signed in again" (loads that failed
 * meanwhile try again).
 */
type Listener = () => void;
const lost = new Set<Listener>();
const restored = new Set<Listener>();

function subscribe(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

export function reportSessionLost(): void {
  for (const listener of lost) listener();
}

export function onSessionLost(listener: Listener): () => void {
  return subscribe(lost, listener);
}

export function reportSessionRestored(): void {
  for (const listener of restored) listener();
}

export function onSessionRestored(listener: Listener): () => void {
  return subscribe(restored, listener);
}
