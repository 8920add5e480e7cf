export * from './queue.constants';
export * from './job-context';
export * from './job-handler.decorator';
export * from './queue-backend';
export * from './job-queue.service';
export * from './queue.module';
export { InProcessQueueBackend } from './in-process.backend';
export { BullQueueBackend } from './bull.backend';
export * from './scheduler.service';
