import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Cross-cutting providers every module may inject (`Clock`). Apps import it once; tests pass their own clock. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class KernelModule {
  static forRoot(options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: KernelModule,
      global: true,
      providers: [options.clock ? { provide: Clock, useValue: options.clock } : { provide: Clock, useClass: SystemClock }],
      exports: [Clock],
    };
  }
}
