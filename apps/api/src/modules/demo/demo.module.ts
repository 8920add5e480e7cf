import { Module } from '@nestjs/common';
import { DemoLoader } from './demo-loader.service';

/** `--demo` / WATCHTOWER_DEMO=1: the demo workspace for a first look (issue 7). */
@Module({ providers: [DemoLoader], exports: [DemoLoader] })
export class DemoModule {}
