export * from './access.decorators';
export * from './auth.guard';
export * from './authenticator';
export * from './current-principal.decorator';
export * from './principal';
