import { Route } from '@angular/router';
import { TokenList } from './token-list/token-list';

export const tokensRoutes: Route[] = [{ path: '', component: TokenList }];
