import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUTHENTICATOR } from '../../core/auth/authenticator';
import { AdminBootstrap } from './admin-bootstrap.service';
import { ApiToken } from './api-token.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialsAuthenticator } from './credentials.authenticator';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Session, ApiToken])],
  controllers: [AuthController, TokensController, UsersController],
  providers: [
    AdminBootstrap,
    AuthService,
    LoginLimiter,
    PasswordHasher,
    SessionsService,
    TokensService,
    UsersService,
    CredentialsAuthenticator,
    { provide: AUTHENTICATOR, useExisting: CredentialsAuthenticator },
  ],
  exports: [AUTHENTICATOR, UsersService, TokensService, SessionsService, PasswordHasher],
})
export class UsersModule {}
