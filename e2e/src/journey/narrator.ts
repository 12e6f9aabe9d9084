/** Where the journey tells what it does: the demo prints it, the tests keep it for failure messages. */
export interface Narrator {
  step(title: string): void;
  say(line: string): void;
  /** A webhook the partner agency received and verified. */
  received(type: string, detail?: string): void;
}

const bold = (s: string, colour: boolean) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string, colour: boolean) => (colour ? `\x1b[2m${s}\x1b[0m` : s);
const green = (s: string, colour: boolean) => (colour ? `\x1b[32m${s}\x1b[0m` : s);

/** Prints each step readably (colours only on a terminal), with the time since the start. */
export class ConsoleNarrator implements Narrator {
  private readonly started = Date.now();
  private steps = 0;
  constructor(
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly colour = process.stdout.isTTY === true,
  ) {}

  private get clock(): string {
    return dim(`${((Date.now() - this.started) / 1000).toFixed(1).padStart(5)} s`, this.colour);
  }

  step(title: string): void {
    this.steps += 1;
    this.write('');
    this.write(`${this.clock}  ${bold(`${this.steps}. ${title}`, this.colour)}`);
  }

  say(line: string): void {
    this.write(`${this.clock}     ${line}`);
  }

  received(type: string, detail?: string): void {
    this.write(`${this.clock}     ${green('⇢ partner webhook', this.colour)} ${type}${detail ? dim(` (${detail})`, this.colour) : ''} ${green('✓ verified', this.colour)}`);
  }
}

/** Keeps every line, for a test's failure message. */
export class RecordingNarrator extends ConsoleNarrator {
  constructor(readonly lines: string[] = []) {
    super((line) => lines.push(line), false);
  }
}
