// The part of zod our packages build schemas with, named one by one. tsup bundles zod into this
// package's dist and keeps only what these names reach: zod's own entries (`zod`, `zod/mini`,
// `zod/v4/core`) all evaluate `locales/index.js` and its ~50 locale modules (importing `zod` loads
// 95 modules and adds ~14 MB RSS; this subset, one bundled chunk, ~4 MB). English, the one locale
// our messages use, comes with the schema classes.
// zod 4 keeps its global registry (`.describe()`, `.meta()`) and configuration (the locale) on
// `globalThis` and checks `instanceof` by trait, so schemas from a user's own copy of zod mix with
// ours: they can be composed with our schemas, parsed and converted by either copy.
export {
  array,
  boolean,
  custom,
  discriminatedUnion,
  enum,
  literal,
  number,
  object,
  partialRecord,
  record,
  strictObject,
  string,
  templateLiteral,
  toJSONSchema,
  union,
  unknown,
  ZodObject,
  ZodType,
} from 'zod';
// Inside this package the schemas write `z.output<typeof Schema>`, which is `z.infer`: bundling the
// declarations would turn `z.infer` into a bare imported `infer`, not a valid name in a `.d.ts`.
export type { infer, input, output } from 'zod';
