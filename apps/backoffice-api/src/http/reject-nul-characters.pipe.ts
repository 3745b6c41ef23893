import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldViolation, InputValidationError } from '@patron/shared-kernel';

const NUL = '\u0000';
const LONE_SURROGATE = /\p{Cs}/u;

const problemWith = (text: string): string | null =>
  text.includes(NUL) ? 'must not contain NUL characters' : LONE_SURROGATE.test(text) ? 'must not contain unpaired UTF-16 surrogates' : null;

interface Visit {
  value: unknown;
  key: string;
  parent?: Visit;
}

const pathOf = (visit: Visit): string => {
  const keys: string[] = [];
  for (let v: Visit | undefined = visit; v; v = v.parent) if (v.key) keys.unshift(v.key);
  return keys.join('.');
};

/**
 * Walks the value with a stack of its own rather than recursion: a body may nest arrays as deep as its size allows,
 * which would overflow the call stack. Paths are only built for the fields reported.
 */
const findNul = (value: unknown, root: string): FieldViolation[] => {
  const found: FieldViolation[] = [];
  const pending: Visit[] = [{ value, key: root }];
  while (pending.length) {
    const visit = pending.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      const message = problemWith(current);
      if (message) found.push({ field: pathOf(visit) || 'body', message });
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) pending.push({ value: current[index], key: String(index), parent: visit });
    } else if (current && typeof current === 'object') {
      pending.push(...Object.entries(current).reverse().map(([key, item]) => ({ value: item, key, parent: visit })));
    }
  }
  return found;
};

/**
 * PostgreSQL cannot store or compare text with NUL characters (the driver's message is taken for a lost connection)
 * nor put unpaired UTF-16 surrogates into JSON, and no field needs either: any in a path parameter, query parameter
 * or JSON body is a 422 naming the field.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = findNul(value, metadata.data ?? '');
    if (found.length) throw new InputValidationError(found);
    return value;
  }
}
