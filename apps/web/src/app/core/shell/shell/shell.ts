import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { AuthStore } from '../../auth/auth-store';
import { ToastService } from '../../notify/toast-service';
import { Icon } from '../../../shared/ui/icon/icon';
import { LiveIndicator } from '../../live/live-indicator/live-indicator';
import { navItemsFor } from '../nav-items';
import { ThemeToggle } from '../theme-toggle/theme-toggle';

const ROLE_LABELS: Record<string, string> = {
  Admin: 'Admin',
  DataEngineer: 'Data engineer',
  Analyst: 'Analyst',
};

/** The signed-in frame: top bar, sidebar with the sections the role may see, and the page. */
@Component({
  selector: 'dqw-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, Icon, ThemeToggle, LiveIndicator],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  protected readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly toasts = inject(ToastService);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly navItems = computed(() => navItemsFor(this.auth.role()));
  protected readonly roleLabel = computed(() => ROLE_LABELS[this.auth.role() ?? ''] ?? '');
  protected readonly navOpen = signal(false);
  protected readonly signingOut = signal(false);

  constructor() {
    let first = true;
    const sub = this.router.events.pipe(filter((e) => e instanceof NavigationEnd)).subscribe(() => {
      this.navOpen.set(false);
      // After a page change, keyboard and screen-reader users continue at the new page's content.
      if (!first) this.main().nativeElement.focus({ preventScroll: true });
      first = false;
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  protected closeNav(): void {
    this.navOpen.set(false);
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    await this.auth.logout();
    this.signingOut.set(false);
    this.toasts.show('info', 'You are signed out.');
    await this.router.navigate(['/login']);
  }
}
