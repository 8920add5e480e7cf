import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToastService } from '../toast-service';

@Component({
  selector: 'dqw-toasts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './toasts.html',
  styleUrl: './toasts.scss',
})
export class Toasts {
  protected readonly service = inject(ToastService);
}
