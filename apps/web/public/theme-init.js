// Applies the remembered (or system) theme before the app renders, so a dark page never flashes white.
(function () {
  let theme = null;
  try {
    theme = localStorage.getItem('dqw-theme');
  } catch {
    theme = null;
  }
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-bs-theme', theme);
  document.documentElement.style.colorScheme = theme;
})();
