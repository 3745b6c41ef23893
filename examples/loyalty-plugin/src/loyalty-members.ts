import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { randomInt } from 'node:crypto';

/** The `loyalty_member` table: one loyalty number per customer. Joins the caller's transaction. */
@Injectable()
export class LoyaltyMembers {
  constructor(private readonly em: EntityManager) {}

  /** Gives the customer a new loyalty number (unique; retried on the rare clash) and returns it. */
  async enrol(customerReference: string): Promise<string> {
    const em = forkJoiningTransaction(this.em);
    for (;;) {
      const number = `LOY-${String(randomInt(0, 1e9)).padStart(9, '0')}`;
      const rows = await em.execute<{ loyalty_number: string }[]>(
        `insert into loyalty_member (customer_reference, loyalty_number) values (?, ?)
         on conflict (loyalty_number) do nothing returning loyalty_number`,
        [customerReference, number],
      );
      if (rows.length) return rows[0].loyalty_number;
    }
  }

  async numberOf(customerReference: string): Promise<string | null> {
    const rows = await forkJoiningTransaction(this.em).execute<{ loyalty_number: string }[]>(
      'select loyalty_number from loyalty_member where customer_reference = ?',
      [customerReference],
    );
    return rows[0]?.loyalty_number ?? null;
  }

  async forget(customerReference: string): Promise<void> {
    await forkJoiningTransaction(this.em).execute('delete from loyalty_member where customer_reference = ?', [customerReference]);
  }
}
