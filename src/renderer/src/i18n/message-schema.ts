import type { sv } from './sv';

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** Every language must have exactly the keys Swedish has (checked by the type-checker). */
export type MessageSchema = Widen<typeof sv>;
