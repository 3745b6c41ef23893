import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A back-office note about a customer; the author's name is kept as it was when written. */
@Entity({ tableName: 'customer_note' })
export class CustomerNote {
  @PrimaryKey({ type: new BigIntType('number') }) id!: number;
  @Property({ type: 'text' }) customerReference!: string;
  @Property({ type: 'text' }) text!: string;
  @Property({ type: new BigIntType('number') }) authorId!: number;
  @Property({ type: 'text' }) authorName!: string;
  @Property({ type: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The text a note had before an edit. */
@Entity({ tableName: 'customer_note_revision' })
export class CustomerNoteRevision {
  @PrimaryKey({ type: new BigIntType('number') }) id!: number;
  @Property({ type: new BigIntType('number') }) noteId!: number;
  @Property({ type: 'text' }) text!: string;
  @Property({ type: new BigIntType('number') }) editorId!: number;
  @Property({ type: 'text' }) editorName!: string;
  @Property({ type: 'timestamptz' }) replacedAt!: Date;
}
