import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Encryptor, resolveEncryptionKey } from './encryption';

/** Infrastructure for files and secrets at rest. Inject `Encryptor` to encrypt/decrypt. */
@Global()
@Module({
  providers: [
    {
      provide: Encryptor,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new Encryptor(resolveEncryptionKey(c)),
    },
  ],
  exports: [Encryptor],
})
export class StorageModule {}
