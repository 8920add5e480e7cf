import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { InjectConfig } from '../config/config.module';
import { openExternalSource, type ExternalSource } from './external-source';
import type { ConnectionSpec, SourceLimits } from './source-spec';

/**
 * One pooled ExternalSource per connection (and per revision of its settings), shared by every run and
 * profile in this process. A changed or deleted connection is evicted and its pool closed.
 */
@Injectable()
export class SourceRegistry implements OnApplicationShutdown {
  private readonly sources = new Map<string, { revision: string; source: ExternalSource }>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  get limits(): SourceLimits {
    return {
      connectTimeoutMs: this.config.datasets.sourceConnectTimeoutMs,
      queryTimeoutMs: this.config.datasets.sourceQueryTimeoutMs,
    };
  }

  /** The shared source of a connection; `revision` changes whenever its settings do. */
  get(connectionId: string, revision: string, spec: () => ConnectionSpec): ExternalSource {
    const found = this.sources.get(connectionId);
    if (found && found.revision === revision) return found.source;
    if (found) void found.source.close().catch(() => undefined);
    const source = openExternalSource(spec(), this.limits);
    this.sources.set(connectionId, { revision, source });
    return source;
  }

  evict(connectionId: string): void {
    const found = this.sources.get(connectionId);
    this.sources.delete(connectionId);
    if (found) void found.source.close().catch(() => undefined);
  }

  /** A throwaway source (connection tests), closed after `fn`. */
  async withTemporary<T>(
    spec: ConnectionSpec,
    limits: SourceLimits,
    fn: (s: ExternalSource) => Promise<T>,
  ): Promise<T> {
    const source = openExternalSource(spec, limits);
    try {
      return await fn(source);
    } finally {
      await source.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.sources.values()];
    this.sources.clear();
    await Promise.all(all.map((s) => s.source.close().catch(() => undefined)));
  }
}
