import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';

const UNSTORABLE = /\u0000|\p{Cs}/gu;

/**
 * Path and query parameters with NUL characters or unpaired UTF-16 surrogates cannot be compared by PostgreSQL (the
 * driver's error would read as a lost connection). No reference, uuid or token holds them, so they are replaced by
 * U+FFFD: the lookup then finds nothing and the route answers as for any unknown id (404 `402`, 404 `404`, …).
 */
@Injectable()
export class UnmatchablePathCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if ((metadata.type !== 'param' && metadata.type !== 'query') || typeof value !== 'string') return value;
    return value.replace(UNSTORABLE, '\ufffd');
  }
}
