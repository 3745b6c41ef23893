import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Cross-cutting providers every module may inject (`Clock`). Apps import it once; tests override `Clock`. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class KernelModule {}
