import { Logger } from '@nestjs/common';
import type { ServerEvent } from '@dqw/shared-types';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';

export type EventListener = (event: ServerEvent) => void;

/**
 * Publishes domain events to every API process's event stream. Workers publish (job progress, run and
 * incident changes); web processes subscribe and forward to their SSE clients.
 */
export abstract class EventBus {
  abstract publish(event: Omit<ServerEvent, 'at'> & { at?: string }): void;
  abstract subscribe(listener: EventListener): () => void;
  abstract close(): Promise<void>;
}

/** Embedded mode: one process, so an EventEmitter is the whole bus. */
export class InMemoryEventBus extends EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: Omit<ServerEvent, 'at'> & { at?: string }): void {
    this.emitter.emit('event', { ...event, at: event.at ?? new Date().toISOString() });
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** Production: Redis pub/sub on one channel, so an event from any worker reaches every web process. */
export class RedisEventBus extends EventBus {
  private readonly logger = new Logger(RedisEventBus.name);
  private readonly pub: Redis;
  private sub: Redis | null = null;
  private readonly local = new InMemoryEventBus();
  private readonly channel: string;

  constructor(redisUrl: string, prefix: string) {
    super();
    this.channel = `${prefix}:events`;
    this.pub = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    this.pub.on('error', () => undefined);
    this.redisUrl = redisUrl;
  }

  private readonly redisUrl: string;

  publish(event: Omit<ServerEvent, 'at'> & { at?: string }): void {
    const full = { ...event, at: event.at ?? new Date().toISOString() };
    // Events are best effort: a lost progress tick must never fail the job that emitted it.
    this.pub.publish(this.channel, JSON.stringify(full)).catch((err: unknown) => {
      this.logger.warn(`event not published: ${String(err)}`);
    });
  }

  subscribe(listener: EventListener): () => void {
    if (!this.sub) {
      this.sub = new Redis(this.redisUrl);
      this.sub.on('error', () => undefined);
      void this.sub.subscribe(this.channel);
      this.sub.on('message', (_channel: string, message: string) => {
        try {
          this.local.publish(JSON.parse(message) as ServerEvent);
        } catch {
          this.logger.warn('ignored a malformed event');
        }
      });
    }
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.sub?.disconnect();
    this.pub.disconnect();
  }
}
