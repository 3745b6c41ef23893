import type { INestApplication } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** The status Node itself would answer a request it could not parse with. */
const statusOf = (code: string | undefined): number => {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
};

/**
 * Answers requests that Node's HTTP parser rejects before the application sees them (headers or URL over the size
 * limit, malformed request lines) in the API's own error shape instead of Node's bodiless default.
 */
export const answerClientErrorsWith = (
  app: INestApplication,
  contentType: string,
  body: (status: number, reason: string) => unknown,
): void => {
  app.getHttpServer().on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(error.code);
    const reason = STATUS_CODES[status] ?? 'Bad Request';
    const payload = Buffer.from(JSON.stringify(body(status, reason)));
    const head = `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n`;
    // An answer to HEAD has no body, even this one.
    const isHead = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(isHead ? Buffer.from(head) : Buffer.concat([Buffer.from(head), payload]));
  });
};
