// The server's userErrors name the input path (["input","household","1","person","idNumber"]);
// the console's forms are shaped like the input, so each error lands on its own field.

import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Text } from '../../src/common/text';

export interface FieldError {
  field?: readonly string[] | null;
  code: string;
  message: string;
}

/** Form name path of a server field path: "input" dropped, list indexes as numbers. */
export function formPath(field: readonly string[], root = 'input'): (string | number)[] {
  const path = field[0] === root ? field.slice(1) : [...field];
  return path.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each error on its field; returns the errors that name no field of the form (shown above it).
 * `known` says whether a path is a field of this form.
 */
export function applyUserErrors(form: FormInstance, errors: readonly FieldError[], known: (path: (string | number)[]) => boolean): FieldError[] {
  const unplaced: FieldError[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const error of errors) {
    const name = error.field ? formPath(error.field) : [];
    if (name.length === 0 || !known(name)) {
      unplaced.push(error);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(error.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}

/** An antd rule from one of the hub's own checks, with the hub's own words (empty is left to `required`). */
export function hubRule(check: (value: string) => boolean, rule: Text): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value && !check(value.trim())) throw new Error(rule.zh);
    },
  };
}
