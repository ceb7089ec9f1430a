import type { z } from 'zod';

/** One method the renderer may call: the schema of what it sends and of what it gets back. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
}

/** The handlers core implements for one namespace's method map. */
export type HandlersOf<M extends Record<string, MethodSpec>> = {
  [K in keyof M]: (input: z.output<M[K]['input']>) => Promise<z.output<M[K]['output']>>;
};

/** A typed event sender for one namespace's event map. */
export type EmitterOf<E extends Record<string, z.ZodType>> = <K extends keyof E & string>(
  event: K,
  payload: z.input<E[K]>,
) => void;
