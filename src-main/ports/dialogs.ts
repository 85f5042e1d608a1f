/**
 * Native file dialogs as a port. Electron's implementation lives in
 * src-main/electron/; tests use a scripted one that answers with set paths.
 */
export interface FileFilter {
  nameKey: string;
  extensions: string[];
}

export interface Dialogs {
  chooseSaveFile(options: { titleKey: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  chooseOpenFiles(options: { titleKey: string; filters: FileFilter[]; multi: boolean; directory?: boolean }): Promise<string[]>;
}

/** Answers from a queue: what a test says the user would pick. */
export function createScriptedDialogs(answers: { save?: (string | null)[]; open?: string[][] } = {}): Dialogs & {
  answers: { save: (string | null)[]; open: string[][] };
} {
  const state = { save: [...(answers.save ?? [])], open: [...(answers.open ?? [])] };
  return {
    answers: state,
    async chooseSaveFile() {
      return state.save.length > 0 ? (state.save.shift() ?? null) : null;
    },
    async chooseOpenFiles() {
      return state.open.shift() ?? [];
    },
  };
}
