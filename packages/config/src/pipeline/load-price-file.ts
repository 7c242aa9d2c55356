import type { ModelPricing } from '@llm/core';
import { formatConfigPath } from '../issues/config-path';
import type { ConfigIssue } from '../issues/config-error';
import { zodIssueToDrafts } from '../issues/zod-issue-to-drafts';
import { PriceFileSchema } from '../schema/config-schema';
import { readConfigSource } from '../sources/read-config-source';

export interface LoadedPrices {
  prices?: Record<string, ModelPricing>;
  /** The file does not exist (reported by the caller at the `price_file` key). */
  missing?: boolean;
  issues: ConfigIssue[];
}

/** Reads and validates a price file (TOML or JSON: pricing tables keyed `provider/model` or `model`). */
export function loadPriceFile(file: string): LoadedPrices {
  const source = readConfigSource(file, { required: false });
  if (!source.data)
    return source.issues.length ? { issues: source.issues } : { missing: true, issues: [] };
  const result = PriceFileSchema.safeParse(source.data);
  if (result.success) return { prices: result.data, issues: [] };
  const issues = result.error.issues
    .flatMap((issue) => zodIssueToDrafts(issue, PriceFileSchema, source.data))
    .map((draft): ConfigIssue => {
      const path = formatConfigPath(draft.path);
      let position;
      for (let length = draft.path.length; length > 0 && !position; length--)
        position = source.positions.get(formatConfigPath(draft.path.slice(0, length)));
      return {
        path,
        message: draft.message,
        file,
        ...position,
        ...(draft.suggestion ? { suggestion: draft.suggestion } : {}),
      };
    });
  return { issues };
}
