import { Roles } from '@dqw/shared-types';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../../core/config/config';
import { InjectConfig } from '../../core/config/config.module';
import { InjectProcessRoles, type ProcessRoles } from '../../core/config/process-roles';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { generatePassword } from './secrets';
import { User } from './user.entity';
import { UsersService } from './users.service';

/**
 * On first start (no users at all) creates the first Admin from WATCHTOWER_ADMIN_EMAIL/_PASSWORD, or
 * with a generated password printed once to stdout. There is never a default password. The password is
 * not forced to change: it is random (20 characters), and the user can change it under "My account".
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectProcessRoles() private readonly roles: ProcessRoles,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly usersService: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** Where the one-time password goes (stdout; tests replace it). */
  print = (text: string): void => {
    process.stdout.write(text);
  };

  async onApplicationBootstrap(): Promise<void> {
    // Only a web process creates the first Admin: its output is where the person starting it looks.
    if (!this.roles.web || (await this.users.count()) > 0) return;
    const { email } = this.config.admin;
    const generated = this.config.admin.password === null;
    const password = this.config.admin.password ?? generatePassword();
    let user: User;
    try {
      user = await this.usersService.create(
        { email, role: Roles.Admin, password, displayName: 'Administrator' },
        { audit: false },
      );
    } catch (e) {
      // Another process started at the same moment and created it.
      if ((await this.users.count()) > 0) return;
      throw e;
    }
    await this.audit.record({
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      summary: `Created the first Admin ${email} on first start`,
      actor: SYSTEM_ACTOR,
    });
    this.logger.log(`Created the first Admin ${email}${generated ? ' with a generated password' : ''}`);
    if (generated) {
      this.print(
        [
          '',
          '  ┌──────────────────────────────────────────────────────────────',
          '  │ First start: an Admin account was created.',
          `  │   email:    ${email}`,
          `  │   password: ${password}`,
          '  │ This password is shown only once. Sign in and change it, or',
          '  │ set WATCHTOWER_ADMIN_EMAIL / WATCHTOWER_ADMIN_PASSWORD next time.',
          '  └──────────────────────────────────────────────────────────────',
          '',
        ].join('\n') + '\n',
      );
    }
  }
}
