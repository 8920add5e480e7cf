import { INestApplication } from '@nestjs/common';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every route the running app answers, as `METHOD /path`, read from Express's router. */
export function discoverRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: Layer[] };
    _router?: { stack: Layer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const out = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const method of Object.keys(layer.route.methods)) {
      if (method === '_all') continue;
      for (const p of paths) out.add(`${method.toUpperCase()} ${p}`);
    }
  }
  return [...out].sort();
}
