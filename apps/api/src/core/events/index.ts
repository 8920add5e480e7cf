export * from './event-bus';
export * from './events.module';
