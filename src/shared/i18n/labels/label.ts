import type { Locale } from '../../settings';

/** One enum value's wording in every UI language. */
export type Label = Readonly<Record<Locale, string>>;

/** The wording of every value of an enum: a value without a label, or a label without a value, does not compile. */
export type Labels<E extends string> = Readonly<Record<E, Label>>;

/** A label from its Chinese and English wording (the tables read one value a line). */
export const label = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });
