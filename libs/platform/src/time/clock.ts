/** A service's notion of "now", injectable so window, due-date and reminder rules can be tested at exact instants. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
