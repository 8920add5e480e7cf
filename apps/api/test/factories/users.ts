import { randomBytes } from 'node:crypto';
import { Role, Roles } from '@dqw/shared-types';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from '../../src/modules/users/user.entity';
import { UsersService } from '../../src/modules/users/users.service';

export interface UserFactoryInput {
  role?: Role;
  email?: string;
  displayName?: string;
  password?: string;
  active?: boolean;
}

let seq = 0;

/** A user created through the real service (so the password is really hashed); returns the password too. */
export async function createUser(
  app: INestApplication,
  input: UserFactoryInput = {},
): Promise<{ user: User; password: string }> {
  seq += 1;
  const password = input.password ?? `Pw-${randomBytes(9).toString('base64url')}`;
  const user = await app.get(UsersService).create({
    email: input.email ?? `user-${seq}-${randomBytes(3).toString('hex')}@test.local`,
    role: input.role ?? Roles.Analyst,
    password,
    displayName: input.displayName,
  });
  if (input.active === false) {
    await app.get(DataSource).getRepository(User).update({ id: user.id }, { active: false });
    user.active = false;
  }
  return { user, password };
}
