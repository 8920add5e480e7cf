import { Test } from '@nestjs/testing';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import request from 'supertest';

@Injectable()
class S {
  hi() {
    return { ok: true };
  }
}
@Controller('x')
class C {
  constructor(private readonly s: S) {}
  @Get() get() {
    return this.s.hi();
  }
}
@Module({ controllers: [C], providers: [S] })
class M {}

describe('smoke', () => {
  it('boots nest with DI metadata', async () => {
    const m = await Test.createTestingModule({ imports: [M] }).compile();
    const app = m.createNestApplication();
    await app.init();
    const r = await request(app.getHttpServer()).get('/x');
    expect(r.body).toEqual({ ok: true });
    await app.close();
  });
});
