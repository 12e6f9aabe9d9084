import type { ValueTransformer } from 'typeorm';

/** `numeric` comes back from pg as a string; this maps it to a JS number (null stays null). */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value == null ? null : Number(value)),
};
