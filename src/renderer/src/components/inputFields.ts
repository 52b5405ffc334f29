import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { contract, type Channel, type ChannelInput } from '@shared/contract';
import { requiredRule } from './rules';
import { fieldAt, maxItems, numberLimits, textLimits } from './zodFields';

/** Dotted paths into a value ('parties.0.name', 'warningLetter.number'). */
type FieldPath<T> = T extends readonly (infer E)[]
  ? `${number}` | `${number}.${FieldPath<NonNullable<E>>}`
  : T extends object
    ? { [K in keyof T & string]: K | `${K}.${FieldPath<NonNullable<T[K]>>}` }[keyof T & string]
    : never;

/** A field of a channel's input; a path the contract does not have does not compile. */
export type InputPath<K extends Channel> = FieldPath<NonNullable<ChannelInput<K>>>;

const schemaOf = <K extends Channel>(channel: K, path: InputPath<K>) =>
  fieldAt(contract[channel].input, path);

export interface TextField {
  /** Required (when the schema is) and the length limit, in the words every form uses. */
  rules: FormRule[];
  /** For the input's own `maxLength`, so the limit is met while typing. */
  maxLength: number | undefined;
}

/**
 * A text field's rules and `maxLength`, read from the schema main parses the channel's input with.
 * `required` overrides the schema where a refinement makes an optional field required in one case (a name
 * for "other", a reason without consent, a station for a transfer to one).
 */
export function textField<K extends Channel>(
  t: TFunction,
  channel: K,
  path: InputPath<K>,
  options: { required?: boolean } = {},
): TextField {
  const limits = textLimits(schemaOf(channel, path));
  const rules: FormRule[] = [];
  if (options.required ?? limits.required) {
    // A schema that trims refuses a value of only spaces, so the form does too.
    rules.push(limits.trims ? requiredRule(t) : { required: true, message: t('common.required') });
  }
  if (limits.maxLength !== null) rules.push({ max: limits.maxLength });
  return { rules, maxLength: limits.maxLength ?? undefined };
}

/** A number field's smallest and largest value (for InputNumber's min / max and the range rule). */
export function numberField<K extends Channel>(
  channel: K,
  path: InputPath<K>,
): { min: number | undefined; max: number | undefined } {
  const { min, max } = numberLimits(schemaOf(channel, path));
  return { min: min ?? undefined, max: max ?? undefined };
}

/** The most rows a list field takes (children, …), or Infinity. */
export function listMax<K extends Channel>(channel: K, path: InputPath<K>): number {
  return maxItems(schemaOf(channel, path)) ?? Infinity;
}
