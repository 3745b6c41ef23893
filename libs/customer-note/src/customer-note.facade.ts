import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CustomerFacade, CustomerNotFoundError } from '@patron/customer';
import { CustomerHistory } from '@patron/customer-history';
import { Clock, forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerNote, CustomerNoteRevision } from './domain/customer-note.entity';
import { CustomerNoteNotFoundError, NoteEditForbiddenError } from './domain/customer-note.errors';

/** Who writes: a back-office user, with the name to keep on the note. */
export interface NoteAuthor {
  id: number;
  name: string;
  isAdmin: boolean;
}

export interface NoteRevisionView {
  text: string;
  editorId: number;
  editorName: string;
  replacedAt: Date;
}

export interface CustomerNoteView {
  id: number;
  customerReference: string;
  text: string;
  authorId: number;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
  revisions: NoteRevisionView[];
}

/** Back-office notes about customers (customers never see them). */
@Injectable()
export class CustomerNoteFacade {
  constructor(
    private readonly em: EntityManager,
    private readonly customers: CustomerFacade,
    private readonly history: CustomerHistory,
    private readonly clock: Clock,
  ) {}

  /** Deletes every note about the customer with its earlier texts (joins the caller's transaction when there is one). */
  async eraseAll(customerReference: string): Promise<void> {
    await forkJoiningTransaction(this.em).execute('delete from customer_note where customer_reference = ?', [customerReference]);
  }

  /** The notes about a live customer, newest first, each with its earlier texts. @throws CustomerNotFoundError */
  async list(customerReference: string): Promise<CustomerNoteView[]> {
    await this.customers.getByReference(customerReference);
    const em = forkJoiningTransaction(this.em);
    const notes = await em.find(CustomerNote, { customerReference }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const revisions = notes.length ? await em.find(CustomerNoteRevision, { noteId: { $in: notes.map((n) => n.id) } }, { orderBy: { id: 'asc' } }) : [];
    return notes.map((n) => toView(n, revisions.filter((r) => r.noteId === n.id)));
  }

  /** Adds a note to a live customer, keeping the author's current name. @throws CustomerNotFoundError */
  async add(customerReference: string, text: string, author: NoteAuthor): Promise<CustomerNoteView> {
    if (!(await this.customers.findByReference(customerReference))) throw new CustomerNotFoundError(customerReference);
    const now = this.clock.now();
    const note = Object.assign(new CustomerNote(), { customerReference, text, authorId: author.id, authorName: author.name, createdAt: now, updatedAt: now });
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      await em.persistAndFlush(note);
      await this.history.record(em, customerReference, 'note-added', { noteId: note.id });
    });
    return toView(note, []);
  }

  /**
   * Changes a note's text; the earlier text is kept as a revision. Only its author or an admin may.
   * @throws CustomerNoteNotFoundError, NoteEditForbiddenError
   */
  async edit(noteId: number, text: string, editor: NoteAuthor): Promise<CustomerNoteView> {
    return forkJoiningTransaction(this.em).transactional(async (em) => {
      const note = await this.owned(em, noteId, editor);
      const now = this.clock.now();
      em.persist(Object.assign(new CustomerNoteRevision(), { noteId, text: note.text, editorId: editor.id, editorName: editor.name, replacedAt: now }));
      note.text = text;
      note.updatedAt = now;
      await em.flush();
      const revisions = await em.find(CustomerNoteRevision, { noteId }, { orderBy: { id: 'asc' } });
      return toView(note, revisions);
    });
  }

  /** Deletes a note (and its revisions). Only its author or an admin may. @throws CustomerNoteNotFoundError, NoteEditForbiddenError */
  async delete(noteId: number, editor: NoteAuthor): Promise<void> {
    await forkJoiningTransaction(this.em).transactional(async (em) => {
      em.remove(await this.owned(em, noteId, editor));
    });
  }

  private async owned(em: EntityManager, noteId: number, editor: NoteAuthor): Promise<CustomerNote> {
    const note = await em.findOne(CustomerNote, noteId);
    if (!note || !(await this.customers.findByReference(note.customerReference))) throw new CustomerNoteNotFoundError();
    if (note.authorId !== editor.id && !editor.isAdmin) throw new NoteEditForbiddenError();
    return note;
  }
}

const toView = (n: CustomerNote, revisions: CustomerNoteRevision[]): CustomerNoteView => ({
  id: n.id,
  customerReference: n.customerReference,
  text: n.text,
  authorId: n.authorId,
  authorName: n.authorName,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
  revisions: revisions.map((r) => ({ text: r.text, editorId: r.editorId, editorName: r.editorName, replacedAt: r.replacedAt })),
});
