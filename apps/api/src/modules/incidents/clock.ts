import { Injectable } from '@nestjs/common';

/**
 * The time incidents, SLAs and mutes are measured with. Tests replace `now` (e.g. `vi.spyOn(clock,
 * 'now')`) to move time forward instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
