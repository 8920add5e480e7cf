import {
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { concatMap, Observable } from 'rxjs';
import { RequestWithContext } from '../../core/http/request-context';
import { AuditService } from './audit.service';

const AUDIT_ACTION_KEY = 'dqw:audit-action';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface AuditActionMeta {
  action: string;
  entityType: string | null;
}

/**
 * Names the generic audit entry of a route whose service doesn't record its own
 * (e.g. `@AuditAction('dataset.upload', 'dataset')`). The entity id is the response's `id` or `:id`.
 */
export const AuditAction = (action: string, entityType: string | null = null): MethodDecorator =>
  SetMetadata(AUDIT_ACTION_KEY, { action, entityType } satisfies AuditActionMeta);

/**
 * Every successful state-changing request leaves an audit entry. Services that record a richer entry
 * themselves (with the change) mark the request as audited, and then nothing generic is added.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithContext>();
    if (context.getType() !== 'http' || SAFE_METHODS.has(req.method)) return next.handle();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        if (!req.ctx || req.ctx.audited) return body;
        const meta = this.reflector.get<AuditActionMeta | undefined>(AUDIT_ACTION_KEY, context.getHandler());
        const bodyId =
          body && typeof body === 'object' && 'id' in body ? String((body as { id: unknown }).id) : null;
        const paramId = typeof req.params?.['id'] === 'string' ? req.params['id'] : null;
        const path = (req.route as { path?: string } | undefined)?.path ?? req.path;
        try {
          await this.audit.record({
            action: meta?.action ?? `http.${req.method.toLowerCase()}`,
            entityType: meta?.entityType ?? null,
            entityId: bodyId ?? paramId,
            summary: `${req.method} ${path}`,
          });
        } catch (err) {
          this.logger.error({ err }, 'Could not write the audit entry');
        }
        return body;
      }),
    );
  }
}
