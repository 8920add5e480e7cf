/** Reported by /api/health; bump with releases (CHANGELOG). */
export const APP_VERSION = '0.1.0';
