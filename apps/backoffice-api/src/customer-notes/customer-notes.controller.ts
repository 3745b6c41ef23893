import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CustomerNoteFacade, NoteAuthor } from '@patron/customer-note';
import { UserFacade } from '@patron/user';
import { Staff, StaffClaims, StaffOnly } from '../auth/staff-auth';
import { BackofficeError } from '../http/backoffice-error';
import { idParam } from '../http/id-param.pipe';
import { ApiJsonBody, validateBody } from '../http/validate';

const NOTE = z.object({ text: z.string().trim().min(1, 'must not be blank').max(5000, 'must be at most 5000 characters') });
const noteId = idParam('Note not found');

/** Notes about customers: every back-office user reads and adds; only the author or an admin edits or deletes. */
@Controller('api')
@StaffOnly()
@ApiTags('customer notes')
export class CustomerNotesController {
  constructor(private readonly notes: CustomerNoteFacade, private readonly users: UserFacade) {}

  @Get('customers/:reference/notes')
  async list(@Param('reference') reference: string) {
    return { data: await this.notes.list(reference) };
  }

  @Post('customers/:reference/notes')
  @ApiJsonBody(NOTE)
  async add(@Staff() staff: StaffClaims, @Param('reference') reference: string, @Body() body: unknown) {
    const { text } = validateBody(NOTE, body);
    return { data: await this.notes.add(reference, text, await this.author(staff)) };
  }

  @Patch('notes/:id')
  @ApiJsonBody(NOTE)
  async edit(@Staff() staff: StaffClaims, @Param('id', noteId) id: number, @Body() body: unknown) {
    const { text } = validateBody(NOTE, body);
    return { data: await this.notes.edit(id, text, await this.author(staff)) };
  }

  @Delete('notes/:id')
  @HttpCode(204)
  async delete(@Staff() staff: StaffClaims, @Param('id', noteId) id: number): Promise<void> {
    await this.notes.delete(id, await this.author(staff));
  }

  /** The user as they are now (their name may have changed since they logged in). */
  private async author(staff: StaffClaims): Promise<NoteAuthor> {
    const user = await this.users.findById(staff.userId);
    if (!user) throw new BackofficeError(401, 'A valid back-office access token is required.');
    return { id: user.id, name: user.name, isAdmin: user.role === 'admin' };
  }
}
