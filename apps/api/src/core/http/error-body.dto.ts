import { ErrorBody } from '@dqw/shared-types';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ description: 'HTTP status code', example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'HTTP status text', example: 'Bad Request' })
  error!: string;

  @ApiProperty({ description: 'What went wrong, in plain words' })
  message!: string;

  @ApiPropertyOptional({
    description: 'Field errors `[{field, messages}]`, or DSL positions `[{line, column, length, message}]`',
  })
  details?: unknown;

  @ApiPropertyOptional({ description: 'The request id (also in the X-Request-Id header)' })
  requestId?: string;
}
