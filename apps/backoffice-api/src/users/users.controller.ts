import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { USER_ROLES, UserFacade } from '@patron/user';
import { Roles, Staff, StaffClaims, StaffOnly } from '../auth/staff-auth';
import { idParam } from '../http/id-param.pipe';
import { ApiJsonBody, validateBody } from '../http/validate';

const USER_CHANGES = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters').optional(),
    role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'must change at least one of name, role, disabled',
    when: (payload) => payload.issues.length === 0,
  });

const idPipe = idParam('Back-office user not found');

/**
 * Back-office users, for admins: list them, rename them, change their role, disable and enable them. Users are made
 * and get new passwords on the command line (`users:create`, `users:set-password`); they are disabled rather than
 * deleted, since the notes they wrote keep their id.
 */
@Controller('api/users')
@StaffOnly()
@Roles('admin')
@ApiTags('users')
export class UsersController {
  constructor(private readonly users: UserFacade) {}

  /** Every back-office user, disabled ones included, by email. */
  @Get()
  async list() {
    return { data: await this.users.list() };
  }

  @Get(':id')
  async get(@Param('id', idPipe) id: number) {
    return { data: await this.users.getById(id) };
  }

  /**
   * `{ "name"?, "role"?: "admin" | "agent", "disabled"?: boolean }`. A new role applies to the user's sessions at once;
   * disabling ends them. The last enabled admin cannot be demoted or disabled, and no one demotes or disables
   * themselves: both are 422s naming the field (`role` or `disabled`), as invalid input is.
   */
  @Patch(':id')
  @ApiJsonBody(USER_CHANGES)
  async update(@Param('id', idPipe) id: number, @Body() body: unknown, @Staff() staff: StaffClaims) {
    return { data: await this.users.update(id, validateBody(USER_CHANGES, body), staff.userId) };
  }
}
