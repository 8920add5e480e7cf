import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { AppConfig } from './config';
import { defaultRoles, PROCESS_ROLES, type ProcessRoles } from './process-roles';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the validated AppConfig: `constructor(@InjectConfig() private readonly config: AppConfig)`. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, roles: ProcessRoles = defaultRoles(config)): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PROCESS_ROLES, useValue: roles },
      ],
      exports: [APP_CONFIG, PROCESS_ROLES],
    };
  }
}
