import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../../core/http/domain-errors';
import { buildSpec, sqlitePath } from './connection-spec';

describe('connection specs', () => {
  let dir: string;
  let sources: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dqw-conn-'));
    sources = join(dir, 'sources');
    mkdirSync(sources);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads URLs (encoded credentials, default port, ssl) and keeps the password out of the display', () => {
    const { spec, display } = buildSpec(
      { kind: 'postgres', url: 'postgresql://ann%40corp:p%3Ass@db.internal/sales?sslmode=require' },
      sources,
    );
    expect(spec).toEqual({
      kind: 'postgres',
      host: 'db.internal',
      port: 5432,
      database: 'sales',
      user: 'ann@corp',
      password: 'p:ss',
      ssl: true,
    });
    expect(display).toEqual({
      host: 'db.internal',
      port: 5432,
      database: 'sales',
      user: 'ann@corp',
      path: null,
      ssl: true,
      hasPassword: true,
    });
    expect(JSON.stringify(display)).not.toContain('p:ss');
    expect(buildSpec({ kind: 'mysql', url: 'mariadb://root@127.0.0.1' }, sources).spec).toMatchObject({
      port: 3306,
      database: '',
    });
  });

  it('refuses wrong kinds, missing fields and bad hosts', () => {
    const bad = [
      { kind: 'mysql' as const, url: 'postgres://u@h/d' },
      { kind: 'postgres' as const, url: 'http://u@h/d' },
      { kind: 'postgres' as const, host: 'h', user: 'u' },
      { kind: 'postgres' as const, host: 'h;rm -rf', user: 'u', database: 'd' },
      { kind: 'postgres' as const, host: 'h', user: 'u', database: 'd', port: 70000 },
      { kind: 'sqlite' as const, path: 'x.db', host: 'h' },
      { kind: 'postgres' as const, host: 'h', user: 'u', database: 'd', path: 'x.db' },
    ];
    for (const b of bad) expect(() => buildSpec(b, sources), JSON.stringify(b)).toThrow(InvalidInputError);
  });

  it('keeps SQLite files inside the sources folder, symlinks included', () => {
    writeFileSync(join(sources, 'ok.db'), '');
    expect(sqlitePath(sources, 'ok.db')).toBe(join(sources, 'ok.db'));
    expect(sqlitePath(sources, join(sources, 'ok.db'))).toBe(join(sources, 'ok.db'));
    writeFileSync(join(dir, 'outside.db'), '');
    symlinkSync(join(dir, 'outside.db'), join(sources, 'link.db'));
    for (const p of ['../outside.db', join(dir, 'outside.db'), 'link.db', '', 'a\u0000b', sources]) {
      expect(() => sqlitePath(sources, p), p).toThrow(InvalidInputError);
    }
    expect(sqlitePath(sources, 'later.db')).toBe(join(sources, 'later.db'));
  });
});
