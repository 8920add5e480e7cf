export * from './encryption';
export * from './file-cipher';
export * from './file-store';
export * from './piped-runner';
export * from './plaintext-pipe';
export * from './storage.module';
