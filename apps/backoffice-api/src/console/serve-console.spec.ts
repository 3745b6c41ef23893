import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { serveConsole } from './serve-console';

@Controller()
class OtherRoutes {
  @Get('api/status')
  status() {
    return { status: 'ok' };
  }

  @Get('admin/queues')
  queues() {
    return 'queues';
  }
}

@Module({ controllers: [OtherRoutes] })
class TestModule {}

const appServing = async (directory: string | null) => {
  const app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: false });
  serveConsole(app, directory);
  await app.init();
  return app;
};

describe('serveConsole', () => {
  it('answers index.html for the console screens, the hashed assets with a long cache, and nothing else', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'console-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(directory, 'assets', 'index-abc.js'), 'console.log(1)');
    const app = await appServing(directory);
    try {
      for (const path of ['/', '/login', '/customers', '/customers/DE--1/addresses/new', '/groups/3', '/access', '/users']) {
        const page = await request(app.getHttpServer()).get(path);
        expect([path, page.status, page.headers['cache-control']]).toEqual([path, 200, 'no-cache']);
        expect(page.text).toContain('<div id="root">');
      }
      const asset = await request(app.getHttpServer()).get('/assets/index-abc.js');
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      expect((await request(app.getHttpServer()).get('/assets/gone.js')).status).toBe(404);
      expect((await request(app.getHttpServer()).get('/api/status')).body).toEqual({ status: 'ok' });
      expect((await request(app.getHttpServer()).get('/admin/queues')).text).toBe('queues');
      expect((await request(app.getHttpServer()).get('/index.html')).status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('says how to build the console when it is not built', async () => {
    const app = await appServing(null);
    try {
      const page = await request(app.getHttpServer()).get('/customers');
      expect(page.status).toBe(503);
      expect(page.text).toContain('npm run build');
    } finally {
      await app.close();
    }
  });
});
