/**
 * Progress lines in buildx's plain style, with timings:
 *   #1 [internal] booting buildkit
 *   #1 pulling image moby/buildkit:buildx-stable-1
 *   #1 pulling image moby/buildkit:buildx-stable-1 1.9s done
 *   #1 DONE 2.4s
 */
import { secondsSince } from '../util/units.js';

export class Progress {
  private readonly started = Date.now();
  constructor(
    private readonly log: (line: string) => void,
    private readonly id: number,
    title: string,
  ) {
    this.log(`#${id} ${title}`);
  }

  static seconds(since: number): string {
    return `${secondsSince(since)}s`;
  }

  note(text: string): void {
    this.log(`#${this.id} ${text}`);
  }

  /** Runs one sub-step, logging its start and its time. */
  async step<T>(text: string, work: () => Promise<T>): Promise<T> {
    const t = Date.now();
    this.note(text);
    const result = await work();
    this.note(`${text} ${Progress.seconds(t)} done`);
    return result;
  }

  done(): void {
    this.log(`#${this.id} DONE ${Progress.seconds(this.started)}`);
  }

  error(message: string): void {
    this.log(`#${this.id} ERROR: ${message}`);
  }
}
