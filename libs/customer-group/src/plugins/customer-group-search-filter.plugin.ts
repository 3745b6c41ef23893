import { Injectable } from '@nestjs/common';
import type { CustomerSearchFilterPlugin } from '@patron/customer';
import { InputValidationError } from '@patron/shared-kernel';

/** Customer search filter `groupId`: members of that group only (none for a group that does not exist). */
@Injectable()
export class CustomerGroupSearchFilterPlugin implements CustomerSearchFilterPlugin {
  readonly name = 'groupId';

  condition(value: unknown): { sql: string; params: unknown[] } {
    if (!Number.isSafeInteger(value) || (value as number) < 1) throw new InputValidationError([{ field: 'groupId', message: 'must be a positive integer' }]);
    return {
      sql: 'exists (select 1 from customer_group_member m where m.group_id = ? and m.customer_reference = c.customer_reference)',
      params: [value],
    };
  }
}
