import { Command } from '@nestjs/cqrs';
import { OrderImportRow, OrderImportSummary } from '../../dto/order.dto';

export class ImportOrdersCommand extends Command<OrderImportSummary> {
  constructor(readonly rows: AsyncIterable<OrderImportRow> | Iterable<OrderImportRow>, readonly skipInvalid: boolean) {
    super();
  }
}
