import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { Db } from './db.service';
import { openDataSource } from './open-data-source';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config),
            retryAttempts: 3,
            retryDelay: 2000,
          }),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('No data source options');
            return openDataSource(options);
          },
        }),
      ],
      providers: [Db],
      exports: [Db],
    };
  }
}
