import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CreateNotificationChannelRequest,
  CreatedNotificationChannelDto,
  NotificationChannelDto,
  NotificationDeliveryDto,
  Paged,
  SlaSettingsDto,
  UpdateNotificationChannelRequest,
  UpdateSlaSettingsRequest,
  UserDto,
} from '@dqw/shared-types';
import { Observable } from 'rxjs';
import { inlineErrors } from '../../core/http/http-context';

const channelUrl = (id: string) => `/api/notification-channels/${encodeURIComponent(id)}`;

/** Typed calls to `/api/settings/sla` and `/api/notification-channels` (Admin). */
@Injectable({ providedIn: 'root' })
export class SettingsApi {
  private readonly http = inject(HttpClient);

  sla(): Observable<SlaSettingsDto> {
    return this.http.get<SlaSettingsDto>('/api/settings/sla');
  }

  /** Errors are shown in the form. */
  saveSla(body: UpdateSlaSettingsRequest): Observable<SlaSettingsDto> {
    return this.http.put<SlaSettingsDto>('/api/settings/sla', body, { context: inlineErrors() });
  }

  /** For "changed by" (Admins may read users). */
  user(id: string): Observable<UserDto> {
    return this.http.get<UserDto>(`/api/users/${encodeURIComponent(id)}`);
  }

  channels(page = 1, pageSize = 100): Observable<Paged<NotificationChannelDto>> {
    return this.http.get<Paged<NotificationChannelDto>>('/api/notification-channels', {
      params: { page, pageSize },
    });
  }

  channel(id: string): Observable<NotificationChannelDto> {
    return this.http.get<NotificationChannelDto>(channelUrl(id));
  }

  createChannel(body: CreateNotificationChannelRequest): Observable<CreatedNotificationChannelDto> {
    return this.http.post<CreatedNotificationChannelDto>('/api/notification-channels', body, {
      context: inlineErrors(),
    });
  }

  updateChannel(
    id: string,
    body: UpdateNotificationChannelRequest,
    options: { inline?: boolean } = { inline: true },
  ): Observable<NotificationChannelDto> {
    return this.http.patch<NotificationChannelDto>(channelUrl(id), body, {
      context: options.inline ? inlineErrors() : undefined,
    });
  }

  deleteChannel(id: string): Observable<void> {
    return this.http.delete<void>(channelUrl(id));
  }

  /** One attempt now; the answer is the delivery with its attempt (sent or failed). */
  testChannel(id: string): Observable<NotificationDeliveryDto> {
    return this.http.post<NotificationDeliveryDto>(`${channelUrl(id)}/test`, {}, { context: inlineErrors() });
  }

  deliveries(id: string, page: number, pageSize: number): Observable<Paged<NotificationDeliveryDto>> {
    return this.http.get<Paged<NotificationDeliveryDto>>(`${channelUrl(id)}/deliveries`, {
      params: { page, pageSize },
    });
  }
}
