// What a long backup or restore step reports as it goes; the CLI prints it.

export type BackupProgress = {
  /** The step, e.g. "copying the database". */
  step: string;
  /** Units finished so far and in all, when the step can count them. */
  done?: number;
  total?: number;
  unit?: "pages" | "files" | "bytes" | "records";
  /** What the step is working on now, e.g. a table name. */
  detail?: string;
};

export type OnProgress = (progress: BackupProgress) => void;
