import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CustomerFacade } from '@patron/customer';
import { CustomerHistory } from '@patron/customer-history';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerGroup } from './domain/customer-group.entity';
import { CustomerGroupNameTakenError, CustomerGroupNotFoundError } from './domain/customer-group.errors';

export interface CustomerGroupView {
  id: number;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CustomerGroupInput {
  name: string;
  description?: string | null;
}

/**
 * Customer groups and memberships. Small enough to live in the facade; every write runs in one statement or one
 * transaction, and a customer can be in many groups.
 */
@Injectable()
export class CustomerGroupFacade {
  constructor(
    private readonly em: EntityManager,
    private readonly customers: CustomerFacade,
    private readonly history: CustomerHistory,
    private readonly clock: Clock,
  ) {}

  /** Every group with its member count, by name. */
  async list(): Promise<CustomerGroupView[]> {
    const rows = await forkJoiningTransaction(this.em).execute<Record<string, unknown>[]>(
      `select g.*, (select count(*) from customer_group_member m where m.group_id = g.id)::int as member_count
       from customer_group g order by lower(g.name)`,
    );
    return rows.map(toView);
  }

  /** @throws CustomerGroupNotFoundError */
  async get(id: number): Promise<CustomerGroupView> {
    const rows = await forkJoiningTransaction(this.em).execute<Record<string, unknown>[]>(
      `select g.*, (select count(*) from customer_group_member m where m.group_id = g.id)::int as member_count
       from customer_group g where g.id = ?`,
      [id],
    );
    if (!rows.length) throw new CustomerGroupNotFoundError();
    return toView(rows[0]);
  }

  /**
   * Creates a group; names are unique ignoring case.
   * @throws CustomerGroupNameTakenError
   */
  async create(input: CustomerGroupInput): Promise<CustomerGroupView> {
    const now = this.clock.now();
    const group = Object.assign(new CustomerGroup(), { name: input.name.trim(), description: input.description ?? null, createdAt: now, updatedAt: now });
    await this.save(() => forkJoiningTransaction(this.em).persistAndFlush(group));
    return this.get(group.id);
  }

  /** @throws CustomerGroupNotFoundError, CustomerGroupNameTakenError */
  async update(id: number, changes: Partial<CustomerGroupInput>): Promise<CustomerGroupView> {
    const em = forkJoiningTransaction(this.em);
    const group = await em.findOne(CustomerGroup, id);
    if (!group) throw new CustomerGroupNotFoundError();
    if (changes.name !== undefined) group.name = changes.name.trim();
    if (changes.description !== undefined) group.description = changes.description;
    group.updatedAt = this.clock.now();
    await this.save(() => em.flush());
    return this.get(id);
  }

  /** Deletes the group and its memberships. @throws CustomerGroupNotFoundError */
  async delete(id: number): Promise<void> {
    const deleted = await forkJoiningTransaction(this.em).nativeDelete(CustomerGroup, { id });
    if (!deleted) throw new CustomerGroupNotFoundError();
  }

  /**
   * Adds live customers to the group (already members stay); unknown or deleted references are returned, not added.
   * @throws CustomerGroupNotFoundError
   */
  async assign(id: number, customerReferences: string[]): Promise<{ added: number; unknown: string[] }> {
    await this.get(id);
    const unknown: string[] = [];
    const known: string[] = [];
    for (const reference of [...new Set(customerReferences)]) ((await this.customers.findByReference(reference)) ? known : unknown).push(reference);
    if (!known.length) return { added: 0, unknown };
    const group = await this.get(id);
    const inserted = await forkJoiningTransaction(this.em).transactional(async (em) => {
      const rows = await em.execute<{ customer_reference: string }[]>(
        `insert into customer_group_member (group_id, customer_reference) select ?, unnest(?::text[])
         on conflict do nothing returning customer_reference`,
        [id, `{${known.map((r) => `"${r.replace(/["\\]/g, '\\$&')}"`).join(',')}}`],
      );
      await this.history.record(em, rows.map((r) => r.customer_reference), 'group-added', { groupId: id, group: group.name });
      return rows;
    });
    return { added: inserted.length, unknown };
  }

  /** Removes customers from the group; returns how many were members. @throws CustomerGroupNotFoundError */
  async unassign(id: number, customerReferences: string[]): Promise<number> {
    await this.get(id);
    if (!customerReferences.length) return 0;
    const group = await this.get(id);
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      const rows = await em.execute<{ customer_reference: string }[]>(
        `delete from customer_group_member where group_id = ? and customer_reference in (?) returning customer_reference`,
        [id, customerReferences],
      );
      await this.history.record(em, rows.map((r) => r.customer_reference), 'group-removed', { groupId: id, group: group.name });
      return rows.length;
    });
  }

  /** The groups a customer is in, by name. */
  async groupsOf(customerReference: string): Promise<CustomerGroupView[]> {
    const rows = await forkJoiningTransaction(this.em).execute<Record<string, unknown>[]>(
      `select g.*, (select count(*) from customer_group_member x where x.group_id = g.id)::int as member_count
       from customer_group g join customer_group_member m on m.group_id = g.id where m.customer_reference = ? order by lower(g.name)`,
      [customerReference],
    );
    return rows.map(toView);
  }

  /**
   * The customer references in a group, first added first, at most `limit` of them (a group can hold every customer;
   * the customer search with the `groupId` filter pages through all of them). @throws CustomerGroupNotFoundError
   */
  async members(id: number, limit = 100): Promise<string[]> {
    await this.get(id);
    const rows = await forkJoiningTransaction(this.em).execute<{ customer_reference: string }[]>(
      'select customer_reference from customer_group_member where group_id = ? order by added_at, customer_reference limit ?',
      [id, limit],
    );
    return rows.map((r) => r.customer_reference);
  }

  /** Removes the customer from every group (joins the caller's transaction). */
  async removeFromAllGroups(customerReference: string): Promise<void> {
    await this.em.execute('delete from customer_group_member where customer_reference = ?', [customerReference]);
  }

  private async save(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new CustomerGroupNameTakenError();
      throw error;
    }
  }
}

const toView = (row: Record<string, unknown>): CustomerGroupView => ({
  id: Number(row.id),
  name: String(row.name),
  description: (row.description as string | null) ?? null,
  memberCount: Number(row.member_count ?? 0),
  createdAt: new Date(row.created_at as string),
  updatedAt: new Date(row.updated_at as string),
});
