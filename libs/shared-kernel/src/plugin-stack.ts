import { Provider, Type } from '@nestjs/common';

/** Provides `token` as the ordered list of instances of `classes` (order = execution order). */
export const pluginStack = <T>(token: symbol, classes: Type<T>[]): Provider => ({
  provide: token,
  useFactory: (...instances: T[]) => instances,
  inject: classes,
});
