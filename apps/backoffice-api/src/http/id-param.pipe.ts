import { PipeTransform } from '@nestjs/common';
import { BackofficeError } from './backoffice-error';

/**
 * A numeric id from the path: anything that cannot be one of our ids (not digits, or beyond what a bigint column
 * holds) is the 404 `notFound`, as an id that does not exist.
 */
export const idParam = (notFound: string): PipeTransform<string, number> => ({
  transform: (value: string) => {
    const id = /^\d{1,15}$/.test(value) ? Number(value) : 0;
    if (id < 1) throw new BackofficeError(404, notFound);
    return id;
  },
});
