import { formatConfigPath } from '../issues/config-path';
import type { ConfigIssue } from '../issues/config-issue';
import type { IssueDraft } from '../issues/issue-draft';
import type { Origin } from './config-layer';

const SOURCE_BY_KIND = { api: 'runtime change', code: 'code (options.config)' } as const;

function describeOrigin(origin: Origin): Pick<ConfigIssue, 'file' | 'line' | 'column' | 'source'> {
  if (origin.kind === 'environment')
    return { source: origin.variable ? `environment variable ${origin.variable}` : 'environment' };
  if (origin.kind === 'api' || origin.kind === 'code')
    return { source: SOURCE_BY_KIND[origin.kind] };
  return { ...(origin.file ? { file: origin.file } : {}), ...(origin.position ?? {}) };
}

/**
 * Turns a draft into a ConfigIssue located where its value came from: the file line and column of the
 * key (or of its nearest enclosing table, for a missing key), or the environment variable that set it.
 */
export function locateIssue(draft: IssueDraft, origins: ReadonlyMap<string, Origin>): ConfigIssue {
  const issue: ConfigIssue = { path: formatConfigPath(draft.path), message: draft.message };
  let located: Origin | undefined;
  let positionless: Origin | undefined;
  for (let length = draft.path.length; length > 0 && !located; length--) {
    const origin = origins.get(formatConfigPath(draft.path.slice(0, length)));
    const inFile = origin?.kind === 'file' || origin?.kind === 'overrides';
    // An implicit table of a file has no position of its own: look further up, keep the file name.
    if (origin && inFile && !origin.position) positionless ??= origin;
    else located = origin;
  }
  const origin = located ?? positionless;
  if (origin) Object.assign(issue, describeOrigin(origin));
  if (draft.suggestion) issue.suggestion = draft.suggestion;
  return issue;
}
