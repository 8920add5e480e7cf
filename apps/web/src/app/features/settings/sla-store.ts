import { Injectable, computed, inject, signal } from '@angular/core';
import { SlaSettingsDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../core/http/api-problem';
import { ToastService } from '../../core/notify/toast-service';
import { SettingsApi } from './settings-api';
import { SlaRowForm, policiesFromRows, rowsFromPolicies } from './sla-form';

interface SlaState {
  settings: SlaSettingsDto | null;
  loading: boolean;
  loadError: string | null;
  saving: boolean;
  /** Who changed the policy last, by name. */
  updatedByName: string | null;
}

/** The SLA policy page. Provided by the page. */
@Injectable()
export class SlaStore {
  private readonly api = inject(SettingsApi);
  private readonly toasts = inject(ToastService);
  private readonly state = signal<SlaState>({
    settings: null,
    loading: false,
    loadError: null,
    saving: false,
    updatedByName: null,
  });

  readonly settings = computed(() => this.state().settings);
  readonly rows = computed(() => rowsFromPolicies(this.state().settings?.policies ?? []));
  readonly loading = computed(() => this.state().loading);
  readonly loadError = computed(() => this.state().loadError);
  readonly saving = computed(() => this.state().saving);
  readonly updatedByName = computed(() => this.state().updatedByName);

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, loading: true, loadError: null }));
    try {
      const settings = await firstValueFrom(this.api.sla());
      this.state.update((s) => ({ ...s, settings, loading: false }));
      void this.loadUpdatedBy(settings.updatedBy);
    } catch (error) {
      this.state.update((s) => ({ ...s, loading: false, loadError: toProblem(error).message }));
    }
  }

  /** Saves all three rows; throws an {@link ApiProblem} for the form to show. */
  async save(rows: readonly SlaRowForm[]): Promise<void> {
    this.state.update((s) => ({ ...s, saving: true }));
    try {
      const settings = await firstValueFrom(this.api.saveSla({ policies: policiesFromRows(rows) }));
      this.state.update((s) => ({ ...s, settings }));
      this.toasts.success('SLA targets saved. They apply to incidents opened from now on.');
      void this.loadUpdatedBy(settings.updatedBy);
    } catch (error) {
      throw toProblem(error);
    } finally {
      this.state.update((s) => ({ ...s, saving: false }));
    }
  }

  private async loadUpdatedBy(userId: string | null): Promise<void> {
    if (!userId) {
      this.state.update((s) => ({ ...s, updatedByName: null }));
      return;
    }
    try {
      const user = await firstValueFrom(this.api.user(userId));
      this.state.update((s) => ({ ...s, updatedByName: user.displayName || user.email }));
    } catch {
      this.state.update((s) => ({ ...s, updatedByName: 'a former user' }));
    }
  }
}
