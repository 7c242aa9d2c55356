import type { ConfigPath } from './config-path';

/** An issue before it is located in a file or source: a path, a message and maybe a suggestion. */
export interface IssueDraft {
  path: ConfigPath;
  message: string;
  suggestion?: string;
}
