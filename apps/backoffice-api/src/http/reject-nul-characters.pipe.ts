import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldViolation, InputValidationError } from '@patron/shared-kernel';

const NUL = '\u0000';

const findNul = (value: unknown, path: string, found: FieldViolation[]): void => {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push({ field: path || 'body', message: 'must not contain NUL characters' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNul(item, path ? `${path}.${index}` : String(index), found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findNul(item, path ? `${path}.${key}` : key, found);
  }
};

/**
 * PostgreSQL cannot store or compare text with NUL characters (the driver's message is taken for a lost connection),
 * and no field needs one: any in a path parameter, query parameter or JSON body is a 422 naming the field.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found: FieldViolation[] = [];
    findNul(value, metadata.data ?? '', found);
    if (found.length) throw new InputValidationError(found);
    return value;
  }
}
