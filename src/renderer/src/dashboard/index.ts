import { lazyScreen } from '../components';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
const home = lazyScreen(() => import('./HomePage').then((m) => m.HomePage));
export const HomePage = home.Screen;
/** The 工作台's screen, loaded ahead (the sign-in screen does so while the password is typed). */
export const preloadHomePage = home.preload;
export { prefetchHome } from './prefetch';
