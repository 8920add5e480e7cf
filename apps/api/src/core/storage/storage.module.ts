import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Encryptor, resolveEncryptionKey } from './encryption';
import { FileCipher } from './file-cipher';
import { FileStore } from './file-store';
import { PipeFactory } from './plaintext-pipe';

/**
 * Infrastructure for files and secrets at rest. Inject `Encryptor` for small secrets, `FileCipher` for
 * files (streamed, chunked AES-256-GCM), `FileStore` for the storage folder and `PipeFactory` for named
 * pipes that hand decrypted bytes to DuckDB.
 */
@Global()
@Module({
  providers: [
    {
      provide: Encryptor,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new Encryptor(resolveEncryptionKey(c)),
    },
    {
      provide: FileCipher,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new FileCipher(resolveEncryptionKey(c)),
    },
    {
      provide: PipeFactory,
      inject: [APP_CONFIG],
      // One folder per process: a restarted process never races another one's pipes.
      useFactory: (c: AppConfig) => new PipeFactory(join(c.dataDir, 'tmp', 'pipes', String(process.pid))),
    },
    FileStore,
  ],
  exports: [Encryptor, FileCipher, FileStore, PipeFactory],
})
export class StorageModule {}
