import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** Short builds stay silent; a notification appears only when indexing takes a while. */
const SHOW_AFTER_MS = 800;

/** A `window/workDoneProgress` notification for one index build, created lazily. */
export class IndexProgress {
  private reporter?: Promise<WorkDoneProgressServerReporter | undefined>;
  private readonly timer: NodeJS.Timeout;
  private last = { done: 0, total: 0 };
  private finished = false;

  constructor(
    private readonly conn: Connection,
    private readonly folderName: string,
  ) {
    this.timer = setTimeout(() => this.show(), SHOW_AFTER_MS);
  }

  report(done: number, total: number): void {
    this.last = { done, total };
    void this.reporter?.then((r) => r?.report(percent(done, total), message(done, total)));
  }

  done(): void {
    this.finished = true;
    clearTimeout(this.timer);
    void this.reporter?.then((r) => r?.done());
  }

  private show(): void {
    if (this.finished) return;
    this.reporter = this.conn.window.createWorkDoneProgress().then(
      (r) => {
        if (this.finished) {
          r.done();
          return undefined;
        }
        r.begin(`Corroborate: indexing ${this.folderName}`, percent(this.last.done, this.last.total), message(this.last.done, this.last.total), false);
        return r;
      },
      () => undefined,
    );
  }
}

function percent(done: number, total: number): number {
  return total ? Math.round((done / total) * 100) : 0;
}

function message(done: number, total: number): string {
  return total ? `${done} of ${total} sources` : 'listing sources';
}
